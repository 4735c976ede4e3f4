import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { RABBITMQ_URL } from './infra';
import type { TestEnv } from './test-env';

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
 * `removeAll()` deletes the users (a test calls it in its afterAll); the queues a team
 * declares (`<prefix>.client.<team>.*`, which outlive its user) go with the env's destroy().
 */
export class BrokerTeams {
  private readonly made: string[] = [];

  constructor(private readonly env: Pick<TestEnv, 'prefix' | 'declared'>) {}

  async make(
    name: string,
    organizations: string[],
    options: { listenOnly?: boolean } = {},
  ): Promise<Team> {
    const args = [CLI, '--name', name, ...organizations.flatMap((id) => ['--organization', id])];
    if (options.listenOnly) args.push('--listen-only');
    // Counted before it exists: a command that fails half-way may have made the user.
    this.made.push(name);
    this.env.declared.namespaces.add(`${this.env.prefix}.client.${name}.`);
    const { stdout } = await run(process.execPath, args, {
      env: this.commandEnv(),
      timeout: 60_000,
    });
    const url = /^\s+(amqps?:\/\/\S+)$/m.exec(stdout)?.[1];
    if (!url) throw new Error(`broker:client printed no URL:\n${stdout}`);
    const user = decodeURIComponent(new URL(url).username);
    return { user, url };
  }

  /**
   * Deletes every user made, one after another (each a `rabbitmqctl` run), each tried even
   * when another fails; then throws the failures. A user that was never made is no failure.
   */
  async removeAll(): Promise<void> {
    const failed: string[] = [];
    for (const name of new Set(this.made.splice(0))) {
      await run(process.execPath, [CLI, '--name', name, '--delete'], {
        env: this.commandEnv(),
        timeout: 60_000,
      }).catch((err: Error & { stderr?: string }) => {
        if (!/there is no broker user/.test(err.stderr ?? '')) {
          failed.push(`${name}: ${err.message}`);
        }
      });
    }
    if (failed.length > 0) throw new Error(`broker users not deleted:\n${failed.join('\n')}`);
  }

  private commandEnv(): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, QUEUE_PREFIX: this.env.prefix, RABBITMQ_URL };
  }
}
