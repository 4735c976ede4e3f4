/*
 * The built OidcProtocol in a Node process of its own, for tests that drive it without the
 * stack: openid-client is ES modules only, which Node loads and Jest cannot. One JSON command a
 * line on stdin ({id, op: 'start' | 'finish', args}), one JSON answer a line on stdout
 * ({id, result} or {id, error: {reason, message}}). One instance: its caches last between calls.
 */
'use strict';
require('reflect-metadata');
const path = require('node:path');
const readline = require('node:readline');

const { OidcProtocol } = require(
  path.join(__dirname, '../../../dist/services/identity/src/sso/protocols/oidc-protocol.js'),
);
const protocol = new OidcProtocol();

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, op, args } = JSON.parse(line);
  const answer = (value) => process.stdout.write(`${JSON.stringify({ id, ...value })}\n`);
  protocol[op](...args).then(
    (result) => answer({ result }),
    (error) => answer({ error: { reason: error.reason, message: error.message } }),
  );
});
