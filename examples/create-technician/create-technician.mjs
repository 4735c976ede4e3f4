#!/usr/bin/env node
/*
 * Creates a technician over RabbitMQ as another team's service would, written from the
 * AsyncAPI document alone (served by the gateway at /docs/asyncapi.json) and importing
 * nothing from Rescue Admin Center: plain amqplib, and @hpke/core to seal passwords.
 *
 *   1. read the AsyncAPI document: queue addresses and patterns;
 *   2. fetch identity's sealing key, seal the administrator's password, sign in;
 *   3. listen to the events exchange for org.technician.created.v1 of the administrator's
 *      organization (a queue of our own, in our team's namespace);
 *   4. create a group and a technician in it, acting for that administrator (its token);
 *   5. send the same create with another email: the error and its code;
 *   6. wait for the technician.created event (a CloudEvent), check who published it, print it.
 *
 * It runs as the team's own broker user, made by an operator with
 * `npm run broker:client -- --name TEAM --organization ID`, which printed RABBITMQ_URL.
 * Settings (environment): RABBITMQ_URL, TEAM, QUEUE_PREFIX (rac), ASYNCAPI_URL, ADMIN_EMAIL,
 * ADMIN_PASSWORD, PRODUCT_BROKER_USERS (who publishes events: rac-org,rac-import).
 * Exits 0 when the technician was created and its event heard.
 */
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';

const env = (name, fallback) => process.env[name] ?? fallback;
const RABBITMQ_URL = env('RABBITMQ_URL', 'amqp://guest:guest@127.0.0.1:5672');
const PREFIX = env('QUEUE_PREFIX', 'rac');
const ASYNCAPI_URL = env('ASYNCAPI_URL', 'http://127.0.0.1:3000/docs/asyncapi.json');
const ADMIN_EMAIL = env('ADMIN_EMAIL', 'admin@example.com');
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const TEAM = env('TEAM', 'example');
const PRODUCT_BROKER_USERS = env('PRODUCT_BROKER_USERS', 'rac-org,rac-import').split(',');
// Our broker user (RabbitMQ checks that user_id names it), and our queues' namespace.
const BROKER_USER = decodeURIComponent(new URL(RABBITMQ_URL).username);
const OUR_QUEUES = `${PREFIX}.client.${TEAM}.`;
const TIMEOUT_MS = 15_000;

function log(step, detail) {
  console.log(`${step}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
}

// 1. The document says where everything is.
const document = await (await fetch(ASYNCAPI_URL)).json();
const address = (channel) => document.channels[channel].address.replace('{prefix}', PREFIX);
const patternOf = (operation) => document.operations[operation].title;
const queues = { identity: address('identityCommands'), org: address('orgCommands') };
const eventsExchange = address('events');
log('asyncapi', `${document.info.title} ${document.info.version}`);

const connection = await amqp.connect(RABBITMQ_URL);
const channel = await connection.createChannel();

// Replies come on RabbitMQ's direct reply-to, matched by correlation_id.
const pending = new Map();
await channel.consume(
  'amq.rabbitmq.reply-to',
  (message) => {
    const waiter = pending.get(message.properties.correlationId);
    if (waiter) waiter(JSON.parse(message.content.toString()));
  },
  { noAck: true },
);

/** Sends a command and waits for its reply: { response } or { err: { code, message } }. */
function request(queue, pattern, data, headers = {}) {
  const correlationId = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${pattern}`)), TIMEOUT_MS);
    pending.set(correlationId, (reply) => {
      clearTimeout(timer);
      pending.delete(correlationId);
      resolve(reply);
    });
    channel.sendToQueue(queue, Buffer.from(JSON.stringify({ pattern, data, id: randomUUID() })), {
      userId: BROKER_USER,
      correlationId,
      replyTo: 'amq.rabbitmq.reply-to',
      persistent: true,
      contentType: 'application/json',
      headers,
    });
  });
}

async function succeed(reply, what) {
  if (reply.err) throw new Error(`${what} refused: ${reply.err.code} ${reply.err.message}`);
  return reply.response;
}

// 2. Seal with HPKE as the document says: SealBase(pkR, info, aad = "key " + keyId, secret).
const key = await succeed(
  await request(queues.identity, patternOf('identity.sealing-key.get.v1'), {}),
  'sealing key',
);
const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});
const recipientPublicKey = await suite.kem.deserializePublicKey(
  new Uint8Array(Buffer.from(key.publicKey, 'base64url')),
);
async function seal(secret) {
  const { enc, ct } = await suite.seal(
    { recipientPublicKey, info: new TextEncoder().encode(key.suite.info) },
    new TextEncoder().encode(secret),
    new TextEncoder().encode(`key ${key.keyId}`),
  );
  const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
  return `hpke.${key.keyId}.${b64(enc)}.${b64(ct)}`;
}
log('sealing key', { keyId: key.keyId, suite: `${key.suite.kem}, ${key.suite.aead}` });

const login = await succeed(
  await request(queues.identity, patternOf('identity.auth.login.v1'), {
    email: ADMIN_EMAIL,
    sealedPassword: await seal(ADMIN_PASSWORD),
  }),
  'sign-in',
);
if (login.mustChangePassword) throw new Error('the administrator must change the password first');
const asAdministrator = { authorization: `Bearer ${login.accessToken}` };
log('signed in', { role: login.role, expiresIn: login.expiresIn });
const organizationId = JSON.parse(
  Buffer.from(login.accessToken.split('.')[1], 'base64url').toString(),
).org;

// 3. Our own queue on the events exchange, bound before anything is created. Routing keys are
// `<organizationId>.<type>`; the broker lets us bind only our organizations' keys.
const eventsQueue = `${OUR_QUEUES}events-${randomUUID()}`;
await channel.assertQueue(eventsQueue, { exclusive: true });
await channel.bindQueue(eventsQueue, eventsExchange, `${organizationId}.org.technician.created.v1`);

// 4. A group, and a technician in it: the token says whom we act for.
const group = await succeed(
  await request(
    queues.org,
    patternOf('org.group.create.v1'),
    { name: `Example group ${Date.now()}` },
    asAdministrator,
  ),
  'group',
);
log('group created', { id: group.id, name: group.name });

const create = {
  groupId: group.id,
  name: 'Example Technician',
  email: `example-${randomUUID().slice(0, 8)}@example.com`,
  sealedPassword: await seal(`Example-${randomUUID()}-9`),
  idempotencyKey: `example:${randomUUID()}`,
};
const technician = await succeed(
  await request(queues.org, patternOf('org.technician.create.v1'), create, asAdministrator),
  'technician',
);
log('technician created', {
  id: technician.id,
  email: technician.email,
  groupId: technician.groupId,
});

// 5. The same key with another command: an error, with its stable code.
const reused = await request(
  queues.org,
  patternOf('org.technician.create.v1'),
  { ...create, email: `other-${create.email}` },
  asAdministrator,
);
log(
  'same key, other email',
  reused.err ? `${reused.err.code}: ${reused.err.message}` : 'accepted?!',
);
if (reused.err?.code !== 'IDEMPOTENCY_KEY_REUSED')
  throw new Error('expected IDEMPOTENCY_KEY_REUSED');

// 6. The event: a CloudEvent in the AMQP binding's binary mode (attributes in headers). Anyone
// who may publish through the default exchange could put a message on our queue: only what
// the product's own broker users published (RabbitMQ vouches for user_id) is an event.
const event = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no technician.created event')), TIMEOUT_MS);
  void channel.consume(eventsQueue, (message) => {
    channel.ack(message);
    if (!PRODUCT_BROKER_USERS.includes(message.properties.userId)) {
      log('ignored', `a message on our queue from ${message.properties.userId ?? 'nobody'}`);
      return;
    }
    if (message.properties.headers['cloudEvents:subject'] !== `technicians/${technician.id}`)
      return;
    clearTimeout(timer);
    resolve({ headers: message.properties.headers, data: JSON.parse(message.content.toString()) });
  });
});
log('event', {
  type: event.headers['cloudEvents:type'],
  id: event.headers['cloudEvents:id'],
  subject: event.headers['cloudEvents:subject'],
  principal: event.headers['cloudEvents:principal'],
  organization: event.headers['cloudEvents:organizationid'],
  technician: event.data.technician.email,
});

await connection.close();
log('done', 'technician created and its event received');
