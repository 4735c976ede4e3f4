import type { SealingSuite } from '@app/contracts';

/** The document's introduction: what a client of another team must know beyond the schemas. */
export const ASYNCAPI_DESCRIPTION = (facts: {
  errorCodes: string[];
  batchMaxItems: number;
  suite: SealingSuite;
}): string => `
The messaging contract of Rescue Admin Center: the commands and queries its services take
over RabbitMQ (AMQP 0-9-1), their replies, and the events they publish. Every queue and
exchange name starts with the installation's \`QUEUE_PREFIX\` (\`{prefix}\`, \`rac\` by
default).

## Sending a command

1. Publish to the service's queue (\`{prefix}.org.commands\` for \`org.*\`, ...) through the
   default exchange, persistent (\`delivery_mode\` 2), \`content_type\` \`application/json\`,
   with a \`correlation_id\` and a \`reply_to\` queue (RabbitMQ's direct reply-to
   \`amq.rabbitmq.reply-to\` works). The body is \`{"pattern": "<pattern>", "data": {...},
   "id": "<unique>"}\`.
2. The reply arrives on \`reply_to\` with the same \`correlation_id\`:
   \`{"id", "response", "isDisposed": true}\`, or on failure \`{"id", "err", "isDisposed": true}\`
   where \`err\` is \`{"code", "message", "errors"?: [{"field", "code", "message"}]}\`.
3. A payload that does not validate (unknown fields included) is answered with
   \`MESSAGE_INVALID\` naming each field, and the message goes to \`<queue>.dead\`.

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
\`cloudEvents:principal\`: \`accounts/<id>\` or \`service-principals/<id>\`.

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
(\`acceptedKeyIds\`).

## Errors

Every failure carries a stable \`code\`, never renamed or reused:
${facts.errorCodes.map((code) => `\`${code}\``).join(', ')}.
`;
