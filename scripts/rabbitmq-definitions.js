#!/usr/bin/env node
/*
 * Writes the RabbitMQ definitions of docker-compose.yml (deploy/rabbitmq/definitions.json):
 * one broker user per service and per kind of client, each allowed only its own queues and
 * exchanges. Passwords come from RABBITMQ_<USER>_PASSWORD (user name in capitals, dashes as
 * underscores: RABBITMQ_RAC_ORG_PASSWORD), or are `<user>-change-me`; RabbitMQ keeps only
 * their salted SHA-256. With another QUEUE_PREFIX, set it here too.
 *   node scripts/rabbitmq-definitions.js > deploy/rabbitmq/definitions.json
 */
'use strict';
const { createHash, randomBytes } = require('node:crypto');

const prefix = (process.env.QUEUE_PREFIX || 'rac').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** rabbit_password_hashing_sha256: base64(salt + sha256(salt + password)), 4-byte salt. */
function passwordHash(password) {
  const salt = randomBytes(4);
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password)]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

// Our services: every name under the prefix, and the default exchange (commands and replies
// travel through it; RabbitMQ checks `user_id` against the user, so none can pose as another).
const service = {
  configure: `^${prefix}\\.`,
  write: `^(${prefix}\\..*|amq\\.default)$`,
  read: `^(${prefix}\\..*|amq\\.rabbitmq\\.reply-to)$`,
};

const users = {
  'rac-gateway': { tags: [], permissions: service },
  'rac-identity': { tags: [], permissions: service },
  'rac-org': { tags: [], permissions: service },
  'rac-import': { tags: [], permissions: service },
  // Other teams' services that send commands (with a principal's token) and hear events:
  // their own queues `client.*`, bound to the events exchange, which they cannot publish to.
  'rac-client': {
    tags: [],
    permissions: {
      configure: '^client\\.',
      write: '^(amq\\.default|client\\..*)$',
      read: `^(${prefix}\\.events|client\\..*|amq\\.rabbitmq\\.reply-to)$`,
    },
  },
  // Services that only listen (a billing service counting licences): no command at all.
  'rac-events-reader': {
    tags: [],
    permissions: {
      configure: '^client\\.',
      write: '^client\\..*$',
      read: `^(${prefix}\\.events|client\\..*)$`,
    },
  },
  // People operating the broker (management UI on :15672).
  'rac-operator': {
    tags: ['administrator'],
    permissions: { configure: '.*', write: '.*', read: '.*' },
  },
};

const passwordOf = (name) =>
  process.env[`RABBITMQ_${name.toUpperCase().replace(/-/g, '_')}_PASSWORD`] || `${name}-change-me`;

const definitions = {
  vhosts: [{ name: '/' }],
  users: Object.entries(users).map(([name, user]) => ({
    name,
    password_hash: passwordHash(passwordOf(name)),
    hashing_algorithm: 'rabbit_password_hashing_sha256',
    tags: user.tags,
  })),
  permissions: Object.entries(users).map(([name, user]) => ({
    user: name,
    vhost: '/',
    ...user.permissions,
  })),
};

process.stdout.write(`${JSON.stringify(definitions, null, 2)}\n`);
