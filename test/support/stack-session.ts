import { TestBroker } from './broker';
import { Stack } from './stack';

/** What a test file's tests get of its stack: filled in by the beforeAll `stackSession` declares. */
export interface StackSession {
  stack: Stack;
  /** A token of the bootstrap Master Administrator. */
  token: string;
  /** The bootstrap Master Administrator (GET /me), as a message's `actor` names it. */
  master: { accountId: string; organizationId: string; role: string };
  /** RabbitMQ as one of the product's services (with `broker: true` only). */
  broker: TestBroker;
}

/**
 * Declares, in the `describe` it is called in, a stack of the test file's own (`label`,
 * unique across test/e2e) started before its tests with the bootstrap Master Administrator
 * signed in, and stopped after them (`cleanUp` first, then the broker connection closed).
 */
export function stackSession(
  label: string,
  options: {
    overrides?: Record<string, string>;
    broker?: boolean;
    /** What the file made beside the stack, undone first (even if its tests failed). */
    cleanUp?: () => Promise<void>;
  } = {},
): StackSession {
  const session = {} as StackSession;
  beforeAll(async () => {
    session.stack = await Stack.start(label, options.overrides);
    if (options.broker) session.broker = await TestBroker.connect();
    session.token = await session.stack.adminToken();
    const me = (await session.stack.api.get('/api/v1/me', session.token)).body;
    session.master = { accountId: me.id, organizationId: me.organizationId, role: me.role };
  });
  afterAll(async () => {
    try {
      await options.cleanUp?.();
    } finally {
      await session.broker?.close();
      await session.stack?.stop();
    }
  });
  return session;
}
