import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The names of the broker's queues, exchanges or users, by its CLI (`rabbitmqctl`, or the
 * command RABBITMQCTL names): a second or more, so only where names cannot be known
 * otherwise (the queues another team's user declared) and in the test of the clean-up.
 */
export async function brokerNames(kind: 'queues' | 'exchanges' | 'users'): Promise<string[]> {
  const [file, ...args] = (process.env.RABBITMQCTL ?? 'rabbitmqctl').split(/\s+/).filter(Boolean);
  const command = { queues: 'list_queues', exchanges: 'list_exchanges', users: 'list_users' }[kind];
  const columns = kind === 'users' ? [] : ['name'];
  const { stdout } = await run(
    file,
    [...args, command, ...columns, '--quiet', '--no-table-headers'],
    { timeout: 60_000, encoding: 'utf8' },
  );
  return stdout
    .split('\n')
    .map((line) => line.split('\t')[0].trim())
    .filter((name) => name !== '');
}
