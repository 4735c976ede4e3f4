#!/usr/bin/env node
/*
 * Makes (or updates, or deletes) the RabbitMQ user of another team's service, limited to the
 * organizations it was made for, and prints its AMQP URL and what it may do:
 *   npm run broker:client -- --name billing --organization <id> [--organization <id> ...]
 *        [--listen-only] [--new-password]
 *   npm run broker:client -- --name billing --delete
 * Settings: QUEUE_PREFIX, RABBITMQ_URL (where the broker is), RABBITMQ_PUBLIC_URL (where the
 * team reaches it, if elsewhere), RABBITMQCTL or RABBITMQ_MANAGEMENT_URL (how to reach its
 * administration: see scripts/broker/rabbitmq-admin.js).
 */
'use strict';
const { parseArgs } = require('node:util');
const amqp = require('amqplib');
const {
  definitionsOf,
  newPassword,
  teamPermissions,
  teamProblem,
  teamQueuePrefix,
  teamUserName,
} = require('./broker/permissions');
const { rabbitmqAdmin } = require('./broker/rabbitmq-admin');

const USAGE =
  'usage: npm run broker:client -- --name TEAM --organization ID [--organization ID ...] [--listen-only] [--new-password]\n' +
  '       npm run broker:client -- --name TEAM --delete';

function fail(message, code = 64) {
  process.stderr.write(`broker:client: ${message}\n${code === 64 ? `${USAGE}\n` : ''}`);
  process.exit(code);
}

function options() {
  try {
    return parseArgs({
      options: {
        name: { type: 'string' },
        organization: { type: 'string', multiple: true },
        'listen-only': { type: 'boolean', default: false },
        'new-password': { type: 'boolean', default: false },
        delete: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    return fail(err.message);
  }
}

/** The broker's address with the team's user and password, from `base`. */
function urlWith(base, user, password) {
  const url = new URL(base || 'amqp://127.0.0.1:5672');
  url.username = user;
  url.password = password;
  return url.toString();
}

/**
 * Until the broker answers with what was asked: a new password opens an AMQP connection, a
 * changed permission reads back (a definitions import may finish after the command returns).
 */
async function waitApplied(admin, url, user, topic) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const applied = url
      ? await amqp.connect(url).then(
          (connection) => connection.close().then(() => true),
          () => false,
        )
      : (await admin.topicRead(user, topic.exchange)) === topic.read;
    if (applied) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`the broker did not apply the user ${user} and its permissions`, 70);
}

function describe(prefix, team, user, organizations, listenOnly) {
  const queues = `${teamQueuePrefix(prefix, team)}*`;
  const lines = [
    `It may:`,
    `  - declare, bind, consume and delete queues named ${queues} (no server-named queue)`,
    `  - bind them to the exchange ${prefix}.events with binding keys that start with one of its`,
    `    organizations: ${organizations.map((id) => `${id}.#`).join(', ')}`,
    `    (routing key = <organizationId>.<event type>; "#" and other organizations are refused)`,
  ];
  if (!listenOnly) {
    lines.push(
      `  - send the public commands of docs/asyncapi.json to ${prefix}.<service>.commands through`,
      `    the default exchange, with user_id = ${user} and a token or service assertion, and`,
      `    read replies on amq.rabbitmq.reply-to`,
    );
  }
  lines.push(
    `It may not: publish events, declare exchanges, read or write another team's queues, or`,
    `reach the product's own queues but by sending commands.`,
    `Events come from the product's services: check user_id (rac-identity, rac-org, rac-import) on each.`,
  );
  return lines.join('\n');
}

async function main() {
  const args = options();
  const prefix = process.env.QUEUE_PREFIX || 'rac';
  const team = args.name;
  const admin = rabbitmqAdmin(process.env);
  if (!team) fail('--name is required');
  const user = teamUserName(prefix, team);

  if (args.delete) {
    if (!(await admin.userExists(user))) fail(`there is no broker user ${user}`, 1);
    await admin.deleteUser(user);
    process.stdout.write(`Deleted the broker user ${user}; its queues stay until deleted.\n`);
    return;
  }

  const organizations = [...new Set(args.organization ?? [])];
  const problem = teamProblem(team, organizations);
  if (problem) fail(problem);
  const permissions = teamPermissions(prefix, team, organizations, {
    listenOnly: args['listen-only'],
  });
  const exists = await admin.userExists(user);
  const password = !exists || args['new-password'] ? newPassword() : undefined;
  await admin.importDefinitions(definitionsOf([{ name: user, password, permissions }]));
  const env = process.env;
  await waitApplied(
    admin,
    password && urlWith(env.RABBITMQ_URL, user, password),
    user,
    permissions.topic,
  );
  const teamUrl = urlWith(
    env.RABBITMQ_PUBLIC_URL || env.RABBITMQ_URL,
    user,
    password ?? 'PASSWORD',
  );

  process.stdout.write(
    [
      `${exists ? 'Updated' : 'Made'} the broker user ${user} for ${organizations.length === 1 ? 'organization' : 'organizations'} ${organizations.join(', ')}.`,
      password
        ? 'AMQP URL (shown once; the broker keeps only a salted hash of the password):'
        : 'AMQP URL (the password is unchanged; --new-password makes a new one):',
      `  ${teamUrl}`,
      describe(prefix, team, user, organizations, args['listen-only']),
      '',
    ].join('\n'),
  );
}

main().catch((err) => fail(err.stderr?.toString().trim() || err.message, 70));
