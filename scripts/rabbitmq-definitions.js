#!/usr/bin/env node
/*
 * Writes the RabbitMQ definitions that docker-compose.yml loads at the broker's start: one
 * user per service, each allowed only the product's own names (scripts/broker/permissions.js).
 * There is no default password: each comes from RABBITMQ_RAC_<SERVICE>_PASSWORD and the
 * command refuses to write anything while one is missing. A broker administrator
 * (`rac-operator`, management UI) is made only when RABBITMQ_RAC_OPERATOR_PASSWORD is set.
 * Other teams get users of their own at run time: `npm run broker:client`.
 *   node scripts/rabbitmq-definitions.js [--out FILE]    (stdout without --out)
 * RabbitMQ keeps only salted SHA-256 hashes of the passwords.
 */
'use strict';
const { writeFileSync } = require('node:fs');
const {
  SERVICES,
  definitionsOf,
  servicePermissions,
  serviceUserName,
} = require('./broker/permissions');

const prefix = process.env.QUEUE_PREFIX || 'rac';
const variableOf = (name) => `RABBITMQ_${name.toUpperCase().replace(/-/g, '_')}_PASSWORD`;
/** Shorter than this, a broker password is refused (it can be tried over the network). */
const MIN_PASSWORD_LENGTH = 16;
/** It stands in an amqp:// URL as it is: URL-safe characters only (`openssl rand -hex 24`). */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

function usersFromEnvironment(env) {
  const problems = [];
  const passwordOf = (name, required) => {
    const password = env[variableOf(name)];
    if (!password) {
      if (required) problems.push(`${variableOf(name)} is not set`);
      return undefined;
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      problems.push(`${variableOf(name)} must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    if (!URL_SAFE.test(password)) {
      problems.push(
        `${variableOf(name)} may hold only letters, digits and . _ ~ - (it goes in a URL)`,
      );
    }
    return password;
  };
  const users = SERVICES.map((service) => ({
    name: serviceUserName(service),
    password: passwordOf(serviceUserName(service), true),
    permissions: servicePermissions(prefix),
  }));
  const operatorPassword = passwordOf('rac-operator', false);
  if (operatorPassword) {
    users.push({
      name: 'rac-operator',
      password: operatorPassword,
      tags: ['administrator'],
      permissions: { configure: '.*', write: '.*', read: '.*' },
    });
  }
  return { users, problems };
}

function main() {
  const { users, problems } = usersFromEnvironment(process.env);
  if (problems.length > 0) {
    process.stderr.write(`rabbitmq-definitions: ${problems.join('; ')}\n`);
    process.exit(78);
  }
  const json = `${JSON.stringify({ vhosts: [{ name: '/' }], ...definitionsOf(users) }, null, 2)}\n`;
  const out = process.argv.indexOf('--out');
  if (out === -1) process.stdout.write(json);
  else writeFileSync(process.argv[out + 1], json);
}

if (require.main === module) main();

module.exports = { usersFromEnvironment, variableOf };
