import type { SealingSuite } from '@app/contracts';

/** The document's introduction: what a client of another team must know beyond the schemas. */
export const ASYNCAPI_DESCRIPTION = (facts: {
  errorCodes: string[];
  fieldErrorCodes: string[];
  passwordRuleCodes: string[];
  batchMaxItems: number;
  suite: SealingSuite;
  deliveryLimit: number;
  deadLetterMaxLength: number;
}): string => `
The messaging contract of Rescue Admin Center: the commands and queries its services take
over RabbitMQ (AMQP 0-9-1), their replies, and the events they publish. Every queue and
exchange name starts with the installation's \`QUEUE_PREFIX\` (\`{prefix}\`, \`rac\` by
default).

## Your broker user

An operator of the installation makes your team's RabbitMQ user with
\`npm run broker:client -- --name <team> --organization <organizationId>\` (one
\`--organization\` per organization you work for) and gives you its AMQP URL. The user
\`{prefix}-team-<team>\` may:

- declare, bind, consume and delete queues named \`{prefix}.client.<team>.<anything>\`, and no
  other: a server-named queue (\`queue_declare('')\`) is refused (\`ACCESS_REFUSED\`), and so
  is declaring or deleting an exchange;
- bind those queues to the events exchange \`{prefix}.events\` only with binding keys that
  start with one of its organizations (\`<organizationId>.#\`); \`#\` is refused;
- publish through the default exchange to the services' command queues, and read replies on
  \`amq.rabbitmq.reply-to\` (a listen-only user may not).

## Sending a command

1. Publish to the service's queue (\`{prefix}.org.commands\` for \`org.*\`, ...) through the
   default exchange, persistent (\`delivery_mode\` 2), \`content_type\` \`application/json\`,
   \`user_id\` = your broker user (required: RabbitMQ checks it, and the services answer
   \`UNAUTHENTICATED\` without it), with a \`correlation_id\` and a \`reply_to\` queue
   (RabbitMQ's direct reply-to \`amq.rabbitmq.reply-to\` works). The body is
   \`{"pattern": "<pattern>", "data": {...}, "id": "<unique>"}\`. Do not declare the command
   queues: the services do (if you do, give exactly the \`arguments\` of their binding).
2. The reply arrives on \`reply_to\` with the same \`correlation_id\`, \`content_type\`
   \`application/json\`: \`{"id", "response", "isDisposed": true}\`, or on failure
   \`{"id", "err", "isDisposed": true}\` where \`err\` is \`{"code", "message",
   "errors"?: [{"field", "code", "message"}], "retryable"?, "details"?}\` (\`id\` is absent when
   the request could not be read at all).
3. A payload that does not validate is answered with \`MESSAGE_INVALID\` naming each field,
   and the message goes to \`<queue>.dead\`. A field's \`code\` is one of
   ${facts.fieldErrorCodes.map((code) => `\`${code}\``).join(', ')} (\`UNKNOWN_FIELD\`: a
   field the message does not have).
4. A message handled ${facts.deliveryLimit} times without an outcome (its handler kept failing
   for a passing reason) is answered \`SERVICE_UNAVAILABLE\` and dead-lettered. Dead-letter
   queues keep at most ${facts.deadLetterMaxLength} messages and refuse more; what lands there
   loses its \`authorization\` header.

## Limits

Every broker user other than the services' own, and every principal (an administrator's
token, a service principal), may send a bounded number of messages per minute, counted by every
replica together. One too many is answered \`RATE_LIMITED\` with
\`details.retryAfterSeconds\`: wait that long before sending again. Only the product's gateway
may state a sign-in's \`clientAddress\` (\`FORBIDDEN\` from anyone else); a team's failed
sign-ins count against its broker user. A batch is worked at background priority whichever
queue it arrives on.

## Who may send what

Messages of this product's own services carry their RabbitMQ user in \`user_id\` (RabbitMQ
refuses a \`user_id\` that is not the sender's own user). Any other sender may use only the
operations tagged \`public\` (others answer \`FORBIDDEN\`), and one that acts for an
administrator (its payload has an \`actor\`) must send that administrator's access token in
the \`authorization\` header, \`Bearer <token>\`: the token's claims become the \`actor\`
(the payload's is replaced, and may be left out), then the
administrator's role and scope apply as at the REST API (\`UNAUTHENTICATED\`, \`FORBIDDEN\`,
\`FORBIDDEN_GROUP\`, \`PASSWORD_CHANGE_REQUIRED\`). Get a token with
\`identity.auth.login.v1\`.

A service may also act as itself: a Master Administrator registers it as a service principal
(\`org.service-principal.create.v1\`, or \`POST /api/v1/service-principals\`, with the
service's Ed25519 public key and its scopes), and the service sends in \`authorization\` a
JWT it signs with its private key (\`alg\` EdDSA; \`iss\` its id, \`aud\`
\`rescue-admin-center\`, \`iat\`, \`exp\` at most 60 s later, and a \`jti\`
it never used before, such as a random UUID). An assertion is accepted once, with one
message: sign a new one for every message, a retry included (a second use is
\`UNAUTHENTICATED\`; the broker's redelivery of the same message is not a second use).
It may send the \`org.*\` operations whose \`x-scope\` it holds (\`FORBIDDEN\` otherwise),
with the reach of its whole organization. Events name who made each change in
\`cloudEvents:principal\` (\`accounts/<id>\`, \`service-principals/<id>\` or
\`scim-tokens/<id>\`), and how and from where in \`cloudEvents:channel\` and
\`cloudEvents:origin\`.

## Delivery and idempotency

Delivery is at least once, both ways. Commands that create carry an \`idempotencyKey\`
(unique per organization): the same key gives the same outcome however often the command
arrives, and the same key with a different command is \`IDEMPOTENCY_KEY_REUSED\`. The
same command is the same actor (account or service principal), the same fields once
defaults are applied (a field left out and the same field sent with its default value are
one command) and the same password, however it was sealed and to whichever key: a key keeps
a digest of it, never the box, so a retired sealing key never changes the answer. Another
actor never sees the outcome. A repeat is answered before anything it names is looked at
again: after its group was moved or deleted, it still answers the first outcome. A
request without a reply within your timeout has an unknown outcome: send it again with the
same key, and you get the first outcome. Batches carry at most ${facts.batchMaxItems} items, each with its own key and result.
Events are at least once too: deduplicate on the CloudEvents \`id\`, order by \`time\`.

## Events

Events are published to the topic exchange \`{prefix}.events\` with the routing key
\`<organizationId>.<type>\` (\`cloudEvents:organizationid\` and \`cloudEvents:type\`), so
the broker itself keeps you to your organizations: bind
\`{prefix}.client.<team>.<name>\` with \`<organizationId>.#\` or
\`<organizationId>.org.technician.*.v1\`. Anyone who may publish through the default
exchange can put a message on a queue whose name it knows: take as events only messages
whose \`user_id\` is one of the product's services that publish events (\`rac-identity\`,
\`rac-org\` and \`rac-import\` unless your operator says otherwise; RabbitMQ refuses a \`user_id\` that is not the
publisher's own user), and drop the rest.

## Passwords

A password is never sent in plaintext: it is sealed to identity's key, fetched with
\`identity.sealing-key.get.v1\`, with HPKE (RFC 9180) in ${facts.suite.mode} mode,
${facts.suite.kem} (0x0020), ${facts.suite.kdf} (0x0001), ${facts.suite.aead} (0x0002):
\`enc, ct = SealBase(pkR, info, aad, password)\` with \`pkR\` the 32 raw bytes of
\`publicKey\` (base64url), \`info\` = \`"${facts.suite.info}"\` and \`aad\` =
\`"key " + keyId\` (UTF-8). Send \`hpke.<keyId>.<base64url enc>.<base64url ct>\` (no padding).
A box sealed to a key identity no longer accepts is refused with \`SEALING_KEY_UNKNOWN\`
(a batch item too), and nothing is kept of that command: fetch the key again, seal again and
send it again with the same key. During a rotation two keys are accepted
(\`acceptedKeyIds\`). A box that is not of that form, or does not open with the key it
names (tampered, or sealed with another \`info\` or \`aad\`), is \`MESSAGE_INVALID\` with
the field's code \`INVALID\`.

A password the organization's policy refuses is \`PASSWORD_POLICY\`, with one entry in
\`errors\` per rule broken: \`field\` the sealed field (\`sealedPassword\`,
\`sealedNewPassword\`), \`code\` one of
${facts.passwordRuleCodes.map((code) => `\`${code}\``).join(', ')}.

## Errors

Every failure carries a stable \`code\`, never renamed or reused:
${facts.errorCodes.map((code) => `\`${code}\``).join(', ')}.
`;
