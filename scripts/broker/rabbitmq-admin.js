'use strict';
/*
 * The few things `npm run broker:client` asks of the broker, through the management HTTP
 * API when RABBITMQ_MANAGEMENT_URL is set (http://operator:password@host:15672), otherwise
 * through `rabbitmqctl` (RABBITMQCTL names the command, for example
 * "docker compose exec -T rabbitmq rabbitmqctl"). Passwords travel only as salted hashes
 * inside definitions, never as command-line arguments.
 */
const { execFileSync } = require('node:child_process');

function viaRabbitmqctl(command = 'rabbitmqctl') {
  const [file, ...prefixArgs] = command.split(/\s+/).filter(Boolean);
  const run = (args, input) =>
    execFileSync(file, [...prefixArgs, ...args], {
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  const rows = (args) =>
    run([...args, '--quiet', '--no-table-headers'])
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.split('\t'));
  return {
    describe: `rabbitmqctl (${command})`,
    async userExists(name) {
      return rows(['list_users']).some(([user]) => user === name);
    },
    async importDefinitions(definitions) {
      run(['import_definitions', '--format', 'json'], JSON.stringify(definitions));
    },
    async deleteUser(name) {
      run(['delete_user', name]);
    },
    async topicRead(name, exchange) {
      const row = rows(['list_user_topic_permissions', name]).find(([, ex]) => ex === exchange);
      return row?.[3];
    },
  };
}

function viaManagementApi(baseUrl) {
  const url = new URL(baseUrl);
  const authorization = `Basic ${Buffer.from(
    `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
  ).toString('base64')}`;
  url.username = '';
  url.password = '';
  const call = async (method, path, body) => {
    const response = await fetch(new URL(path, url), {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 404 && method === 'GET') return undefined;
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return response.status === 204 ? undefined : response.json().catch(() => undefined);
  };
  const user = (name) => `/api/users/${encodeURIComponent(name)}`;
  return {
    describe: `the management API at ${url.origin}`,
    async userExists(name) {
      return (await call('GET', user(name))) !== undefined;
    },
    async importDefinitions(definitions) {
      await call('POST', '/api/definitions', definitions);
    },
    async deleteUser(name) {
      await call('DELETE', user(name));
    },
    async topicRead(name, exchange) {
      const list = (await call('GET', `${user(name)}/topic-permissions`)) ?? [];
      return list.find((permission) => permission.exchange === exchange)?.read;
    },
  };
}

function rabbitmqAdmin(env) {
  return env.RABBITMQ_MANAGEMENT_URL
    ? viaManagementApi(env.RABBITMQ_MANAGEMENT_URL)
    : viaRabbitmqctl(env.RABBITMQCTL);
}

module.exports = { rabbitmqAdmin };
