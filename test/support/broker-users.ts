import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RABBITMQ_URL } from './infra';

interface Permission {
  user: string;
  configure: string;
  write: string;
  read: string;
}

const definitions = JSON.parse(
  readFileSync(path.join(__dirname, '../../deploy/rabbitmq/definitions.json'), 'utf8'),
) as { permissions: Permission[] };

/**
 * RabbitMQ users made for a test with the permissions a user of deploy/rabbitmq/
 * definitions.json has (its `rac.` names read as this stack's prefix), so that a test
 * exercises the very permissions docker-compose gives. `removeAll()` deletes them.
 */
export class BrokerUsers {
  private readonly made: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A new user like `template` (`rac-client`, `rac-events-reader`, ...); its amqp:// URL. */
  like(template: string): string {
    const permissions = definitions.permissions.find((p) => p.user === template);
    if (!permissions) throw new Error(`no user ${template} in definitions.json`);
    const forPrefix = (regex: string) => regex.split('rac\\.').join(`${this.prefix}\\.`);
    const name = `${this.prefix}-${template}`;
    const password = randomUUID();
    rabbitmqctl('add_user', name, password);
    this.made.push(name);
    rabbitmqctl(
      'set_permissions',
      '-p',
      '/',
      name,
      forPrefix(permissions.configure),
      forPrefix(permissions.write),
      forPrefix(permissions.read),
    );
    const url = new URL(RABBITMQ_URL);
    url.username = name;
    url.password = password;
    return url.toString();
  }

  removeAll(): void {
    for (const name of this.made.splice(0)) rabbitmqctl('delete_user', name);
  }
}

function rabbitmqctl(...args: string[]): void {
  execFileSync('rabbitmqctl', args, { stdio: 'ignore' });
}
