import { ApiClient, SignInFailed } from './api-client';
import { ServiceProcess, STACK_SERVICES, StackService } from './service-process';
import { createTestEnv, TestEnv } from './test-env';
import { waitFor } from './wait-for';

/**
 * The whole product for one test file: gateway, identity, org and import as separate
 * processes over the machine's Postgres, Redis and RabbitMQ, in a TestEnv of their own.
 */
export class Stack {
  readonly api: ApiClient;
  readonly services: Record<StackService, ServiceProcess>;

  private constructor(readonly env: TestEnv) {
    this.api = new ApiClient(`http://127.0.0.1:${env.port}`);
    this.services = Object.fromEntries(
      STACK_SERVICES.map((name) => [name, new ServiceProcess(name, env.vars, env.logDir)]),
    ) as Record<StackService, ServiceProcess>;
  }

  /** Starts every service (but those `held` back, to be started by the test) and waits for health. */
  static async start(
    label: string,
    overrides: Record<string, string> = {},
    options: { held?: StackService[] } = {},
  ): Promise<Stack> {
    const stack = new Stack(await createTestEnv(label, overrides));
    const held = options.held ?? [];
    try {
      await Promise.all(
        STACK_SERVICES.filter((name) => !held.includes(name)).map((name) =>
          stack.services[name].start(),
        ),
      );
      if (held.length === 0) await stack.waitHealthy();
    } catch (err) {
      // A stack that did not come up leaves nothing behind (its processes, databases and
      // queues): the test file never gets it to stop. Its logs stay for reading.
      await stack.stop().catch(() => undefined);
      throw err;
    }
    return stack;
  }

  get adminEmail(): string {
    return this.env.vars.BOOTSTRAP_ADMIN_EMAIL;
  }

  get adminPassword(): string {
    return this.env.vars.BOOTSTRAP_ADMIN_PASSWORD;
  }

  /** Waits for /health to answer 200 (all services and dependencies up) and for the bootstrap admin. */
  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    await waitFor(async () => (await this.api.get('/api/v1/health')).status === 200, {
      timeoutMs,
      what: `the stack of ${this.env.id} to be healthy (logs in ${this.env.logDir})`,
    });
  }

  /**
   * Signs the bootstrap administrator in. A healthy stack includes the bootstrap, so a refusal
   * (401, or 429 after refusals) fails at once: polling it would only count failed sign-ins
   * against the account until it is blocked. Only an unavailable answer is tried again.
   */
  async adminToken(): Promise<string> {
    return waitFor(() => this.api.login(this.adminEmail, this.adminPassword), {
      timeoutMs: 30_000,
      what: 'the bootstrap administrator to sign in',
      stopOn: (err) => err instanceof SignInFailed && err.status < 500,
    });
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((service) => service.stop()));
    Object.values(this.services).forEach((service) => service.close());
    await this.env.destroy();
  }
}
