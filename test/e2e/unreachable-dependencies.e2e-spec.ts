import net from 'node:net';
import { ApiClient } from '../support/api-client';
import { RABBITMQ_URL } from '../support/infra';
import { ServiceProcess, StackService } from '../support/service-process';
import { createTestEnv, freePort, TestEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';

/** A warning must name the dependency this soon after the process starts. */
const NAMED_WITHIN_MS = 15_000;
/** How long each process is watched for the rhythm of its warnings. */
const WATCHED_MS = 13_000;

interface LogLine {
  level: string;
  msg: string;
  dependency?: string;
  url?: string;
  error?: string;
  hint?: string;
}

function warningsAbout(process: ServiceProcess, dependency: string, from = 0): LogLine[] {
  return process.lines
    .slice(from)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.level === 'warn' && line.dependency === dependency);
}

/**
 * A TCP port that refuses connections until open() is called, then forwards to the real
 * broker: a RabbitMQ that is missing, then started.
 */
class LateBroker {
  private server?: net.Server;
  constructor(readonly port: number) {}

  async open(): Promise<void> {
    const target = new URL(RABBITMQ_URL);
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5672), target.hostname);
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end);
      upstream.on('error', end);
      client.on('close', end);
      upstream.on('close', end);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

describe('A dependency that does not answer is named in the log', () => {
  let env: TestEnv;
  const processes: ServiceProcess[] = [];
  let lateBroker: LateBroker;

  function launch(name: StackService, vars: Record<string, string>): ServiceProcess {
    const process = new ServiceProcess(name, { ...env.vars, ...vars }, env.logDir);
    processes.push(process);
    process.launch();
    return process;
  }

  beforeAll(async () => {
    env = await createTestEnv('unreachable');
    lateBroker = new LateBroker(await freePort());
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    processes.forEach((p) => p.close());
    await lateBroker.close();
    await env?.destroy();
  });

  it('Postgres, Redis and RabbitMQ each: within 15 s, with the URL without its password, the cause and a hint; then every ~10 s', async () => {
    const dead = await freePort();
    const cases = [
      {
        dependency: 'postgres',
        process: launch('org', {
          ORG_DATABASE_URL: `postgres://postgres:pg-Secret-1@127.0.0.1:${dead}/${env.databases.org}`,
        }),
        url: `postgres://postgres@127.0.0.1:${dead}/${env.databases.org}`,
        error: 'connection refused',
        hint: 'docker compose up -d postgres',
      },
      {
        dependency: 'redis',
        process: launch('import', { REDIS_URL: `redis://:redis-Secret-2@127.0.0.1:${dead}` }),
        url: `redis://127.0.0.1:${dead}`,
        error: 'connection refused',
        hint: 'docker compose up -d redis',
      },
      {
        dependency: 'rabbitmq',
        process: launch('gateway', {
          // The broker's own password: the late broker forwards to it once it is opened.
          RABBITMQ_URL: RABBITMQ_URL.replace(/@[^/]+/, `@127.0.0.1:${lateBroker.port}`),
        }),
        url: `amqp://guest@127.0.0.1:${lateBroker.port}`,
        error: 'connection refused',
        hint: 'docker compose up -d rabbitmq',
      },
      {
        // The broker answers, but not to this password.
        dependency: 'rabbitmq',
        process: launch('identity', {
          RABBITMQ_URL: RABBITMQ_URL.replace(/:[^:@/]*@/, ':amqp-Secret-4@'),
        }),
        url: RABBITMQ_URL.replace(/:[^:@/]*@/, '@'),
        error: 'authentication failed',
        hint: 'check the user and password in the RabbitMQ URL',
      },
    ];
    const startedAt = Date.now();

    await Promise.all(
      cases.map(({ process, dependency }) =>
        waitFor(() => warningsAbout(process, dependency).length > 0, {
          timeoutMs: NAMED_WITHIN_MS,
          intervalMs: 100,
          what: `${process.name} to name ${dependency}: ${process.lines.slice(-3).join(' | ')}`,
        }),
      ),
    );
    for (const { process, dependency, url, error, hint } of cases) {
      const [first] = warningsAbout(process, dependency);
      expect(first).toMatchObject({ dependency, url, error });
      expect(first.hint).toContain(hint);
      expect(first.msg).toContain(url);
    }

    // While it stays unreachable: again about every 10 s, not at every retry.
    await new Promise((resolve) => setTimeout(resolve, startedAt + WATCHED_MS - Date.now()));
    for (const { process, dependency } of cases) {
      expect(warningsAbout(process, dependency).length).toBeGreaterThanOrEqual(1);
      expect(warningsAbout(process, dependency).length).toBeLessThanOrEqual(2);
    }

    // The gateway answers /health, naming what is down, meanwhile.
    const gateway = cases[2].process;
    const health = await new ApiClient(`http://127.0.0.1:${env.port}`).get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).toContain('rabbitmq');

    // Once the broker is there, the gateway says so, once.
    const from = gateway.lines.length;
    await lateBroker.open();
    await gateway.waitForLine(/"msg":"RabbitMQ answers again at amqp:\/\/guest@127\.0\.0\.1:\d+"/, {
      from,
      timeoutMs: 10_000,
    });

    // No password anywhere in the logs, the failed health calls' lines included.
    for (const { process } of cases) {
      expect(process.lines.join('\n')).not.toMatch(/Secret-\d|guest:guest@/);
    }
  });
});
