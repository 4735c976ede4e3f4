'use strict';
/*
 * Who may do what on the broker: the permissions of this product's services and of each
 * other team's user. The one source for deploy/rabbitmq definitions
 * (scripts/rabbitmq-definitions.js), `npm run broker:client` and the tests that prove them.
 * RabbitMQ matches every regex against a resource name; `amq.default` is the default exchange.
 */
const { createHash, randomBytes } = require('node:crypto');

const TEAM_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Our services' own broker users (docker-compose.yml): a team may not take their names. */
const SERVICES = ['gateway', 'identity', 'org', 'import', 'audit'];

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Our services: every name under the prefix, and the default exchange for commands and replies. */
function servicePermissions(prefix) {
  const p = escapeRegex(prefix);
  return {
    configure: `^${p}\\.`,
    write: `^(${p}\\..*|amq\\.default)$`,
    read: `^(${p}\\..*|amq\\.rabbitmq\\.reply-to)$`,
  };
}

/** A service's broker user in docker-compose.yml (INTERNAL_BROKER_USERS lists them all). */
function serviceUserName(service) {
  return `rac-${service}`;
}

function teamUserName(prefix, team) {
  return `${prefix}-team-${team}`;
}

/** The names a team's queues must start with: `<prefix>.client.<team>.` */
function teamQueuePrefix(prefix, team) {
  return `${prefix}.client.${team}.`;
}

/** Why a team name or its organizations cannot be used, or undefined. */
function teamProblem(team, organizations) {
  if (!TEAM_NAME.test(team ?? '')) {
    return 'the team name must be 1-40 lower-case letters, digits or "-", starting with a letter or digit';
  }
  if (SERVICES.includes(team) || team === 'operator') return `"${team}" is reserved`;
  if (!organizations || organizations.length === 0) return 'name at least one --organization';
  const bad = organizations.find((id) => !UUID.test(id));
  if (bad !== undefined)
    return `--organization ${JSON.stringify(bad)} is not an organization id (a lower-case UUID)`;
  return undefined;
}

/**
 * A team's user: its own queues (`<prefix>.client.<team>.*`), bound to the events exchange
 * only with binding keys that start with one of its organizations (RabbitMQ checks them
 * against the topic permission, so `#` is refused); commands through the default exchange
 * unless `listenOnly`. It can publish no event and read no other queue.
 */
function teamPermissions(prefix, team, organizations, { listenOnly = false } = {}) {
  const p = escapeRegex(prefix);
  const own = `${escapeRegex(teamQueuePrefix(prefix, team))}.*`;
  return {
    configure: `^${escapeRegex(teamQueuePrefix(prefix, team))}`,
    write: listenOnly ? `^${own}$` : `^(amq\\.default|${own})$`,
    read: listenOnly
      ? `^(${p}\\.events|${own})$`
      : `^(${p}\\.events|${own}|amq\\.rabbitmq\\.reply-to)$`,
    topic: {
      exchange: `${prefix}.events`,
      write: '^$',
      read: `^(${organizations.map(escapeRegex).join('|')})\\.`,
    },
  };
}

/** rabbit_password_hashing_sha256: base64(salt + sha256(salt + password)), 4-byte salt. */
function passwordHash(password) {
  const salt = randomBytes(4);
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password)]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

/** A password for a new broker user: 24 random bytes, URL-safe. */
function newPassword() {
  return randomBytes(24).toString('base64url');
}

/** A RabbitMQ definitions document (import_definitions, load_definitions) for these users. */
function definitionsOf(users, vhost = '/') {
  return {
    users: users
      .filter((user) => user.password !== undefined)
      .map((user) => ({
        name: user.name,
        password_hash: passwordHash(user.password),
        hashing_algorithm: 'rabbit_password_hashing_sha256',
        tags: user.tags ?? [],
      })),
    permissions: users.map((user) => ({
      user: user.name,
      vhost,
      configure: user.permissions.configure,
      write: user.permissions.write,
      read: user.permissions.read,
    })),
    topic_permissions: users
      .filter((user) => user.permissions.topic)
      .map((user) => ({ user: user.name, vhost, ...user.permissions.topic })),
  };
}

module.exports = {
  SERVICES,
  servicePermissions,
  serviceUserName,
  teamUserName,
  teamQueuePrefix,
  teamProblem,
  teamPermissions,
  passwordHash,
  newPassword,
  definitionsOf,
};
