import { commandQueueName } from '@app/contracts';
import { messagesInQueues } from './broker';
import { queryDatabase } from './databases';
import { createGroup, GOOD_PASSWORD } from './fixtures';
import { expectAccountsConsistent } from './invariants';
import { stackSession, StackSession } from './stack-session';
import { waitFor } from './wait-for';

/** A stack session with the broker and a group (with Chat) to create technicians in. */
export interface CreateSession extends StackSession {
  groupId: string;
}

/**
 * Declares, in the `describe` it is called in, a stack session (`label`) for creating
 * technicians over REST and over the broker, with a short RPC timeout (which keeps the waits
 * of the failure cases short), and what checks that every account came out whole.
 */
export function technicianCreateSession(label: string, rpcTimeoutMs: number) {
  const session = stackSession(label, {
    broker: true,
    overrides: { RPC_TIMEOUT_MS: String(rpcTimeoutMs) },
  }) as CreateSession;

  beforeAll(async () => {
    session.groupId = (
      await createGroup(session.stack.api, session.token, { permissions: ['Chat'] })
    ).id;
  });

  /** POST /groups/:id/technicians of the session's group. */
  const create = (body: Record<string, unknown>) =>
    session.stack.api.post(
      `/api/v1/groups/${session.groupId}/technicians`,
      { name: 'Tech', password: GOOD_PASSWORD, ...body },
      session.token,
    );

  /** POST /groups/:id/technicians with an Idempotency-Key. */
  const createWithKey = (key: string, body: object) =>
    session.stack.api.request('POST', `/api/v1/groups/${session.groupId}/technicians`, {
      body,
      token: session.token,
      headers: { 'idempotency-key': key },
    });

  const expectConsistent = () => expectAccountsConsistent(session.stack.env);

  /** Waits until the command queues of `services` hold no message, not even one taken. */
  async function queuesSettled(...services: ('org' | 'identity')[]): Promise<void> {
    await waitFor(
      () =>
        messagesInQueues(
          services.map((service) => commandQueueName(session.stack.env.prefix, service)),
        ).every((count) => count === 0),
      { timeoutMs: 60_000, intervalMs: 500, what: `${services.join(' and ')} to settle` },
    );
  }

  /** Identity's public sealing key, asked over the broker as a service would. */
  const sealingKey = () => session.broker.sealingKey(session.stack.env.prefix);

  async function accountsWithEmail(email: string): Promise<{ id: string; state: string }[]> {
    return queryDatabase(
      session.stack.env.databases.org,
      'SELECT id, state FROM accounts WHERE email_normalized = $1',
      [email.toLowerCase()],
    );
  }

  return {
    session,
    create,
    createWithKey,
    expectConsistent,
    queuesSettled,
    sealingKey,
    accountsWithEmail,
  };
}
