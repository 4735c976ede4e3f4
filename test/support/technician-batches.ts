import { randomUUID } from 'node:crypto';
import { commandQueueName, OrgPatterns, SealingKeyReply } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, Reply } from './broker';
import { GOOD_PASSWORD, uniqueEmail } from './fixtures';
import { CreateSession, technicianCreateSession } from './technician-creates';

export interface Item {
  groupId: string;
  name: string;
  email: string;
  ssoId?: string;
  sealedPassword: string;
  idempotencyKey: string;
}

export type ItemResult =
  | { ok: true; reply: { id: string; email: string; groupId: string } }
  | { ok: false; error: { code: string; errors?: { field: string; code: string }[] } };

/** A create session with identity's sealing key. */
export interface BatchSession extends CreateSession {
  sealingKey: SealingKeyReply;
}

/** What became of an item: 'created', or the code of its error. */
export const codeOf = (result: ItemResult) => (result.ok ? 'created' : result.error.code);

/**
 * Declares, in the `describe` it is called in, a stack session (`label`) that sends
 * `org.technician.create-batch.v1` as another service (or the import) would.
 */
export function technicianBatchSession(label: string) {
  const creates = technicianCreateSession(label, 3000);
  const session = creates.session as BatchSession;
  /** Boxes of the passwords the tests use, sealed once (sealing is asynchronous). */
  const sealed: Record<string, string> = {};

  beforeAll(async () => {
    session.sealingKey = await creates.sealingKey();
    for (const password of [GOOD_PASSWORD, 'password'])
      sealed[password] = await seal(password, session.sealingKey);
  });

  function item(fields: Partial<Omit<Item, 'sealedPassword'>> & { password?: string } = {}): Item {
    const { password, ...rest } = fields;
    const email = rest.email ?? uniqueEmail('batch');
    return {
      groupId: session.groupId,
      name: `Batch ${email.split('@')[0]}`,
      email,
      sealedPassword: sealed[password ?? GOOD_PASSWORD],
      idempotencyKey: `test:${randomUUID()}`,
      ...rest,
    };
  }

  const batchMessage = (items: Item[]) =>
    packet(OrgPatterns.technicianCreateBatch, { actor: session.master, items });

  async function sendBatch(message: object, lane: 'interactive' | 'bulk' = 'bulk') {
    const reply = await session.broker.publish(
      commandQueueName(session.stack.env.prefix, 'org', lane),
      message,
      { reply: true },
    );
    return reply as Reply & { response?: { results: ItemResult[] } };
  }

  return {
    session,
    item,
    batchMessage,
    sendBatch,
    accountsWithEmail: creates.accountsWithEmail,
    expectConsistent: creates.expectConsistent,
  };
}
