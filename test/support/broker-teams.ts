import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { RABBITMQ_URL } from './infra';

const CLI = path.resolve(__dirname, '../../scripts/broker-client.js');
const run = promisify(execFile);

export interface Team {
  /** The broker user, `<prefix>-team-<name>`. */
  user: string;
  /** Its amqp:// URL, password included. */
  url: string;
}

/**
 * Other teams' broker users for a test stack, made by the very command an operator runs
 * (`npm run broker:client`), so that tests exercise the permissions teams really get.
 * `removeAll()` deletes them.
 */
export class BrokerTeams {
  private readonly made: string[] = [];

  constructor(private readonly prefix: string) {}

  async make(
    name: string,
    organizations: string[],
    options: { listenOnly?: boolean } = {},
  ): Promise<Team> {
    const args = [CLI, '--name', name, ...organizations.flatMap((id) => ['--organization', id])];
    if (options.listenOnly) args.push('--listen-only');
    const { stdout } = await run(process.execPath, args, { env: this.env(), timeout: 60_000 });
    const url = /^\s+(amqps?:\/\/\S+)$/m.exec(stdout)?.[1];
    if (!url) throw new Error(`broker:client printed no URL:\n${stdout}`);
    const user = decodeURIComponent(new URL(url).username);
    this.made.push(name);
    return { user, url };
  }

  async removeAll(): Promise<void> {
    for (const name of this.made.splice(0)) {
      await run(process.execPath, [CLI, '--name', name, '--delete'], { env: this.env() });
    }
  }

  private env(): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, QUEUE_PREFIX: this.prefix, RABBITMQ_URL };
  }
}
