import type { DataSource, EntityManager } from 'typeorm';
import { CreateCredentialReply, ErrorCodes, Roles } from '@app/contracts';
import { rpcError, RpcCallError, RpcClient } from '@app/platform';
import type { IdempotencyService, KeyState } from '../idempotency/idempotency.service';
import { AccountCreation, AccountCreationSaga } from './account-creation.saga';
import type { AccountDeadlines } from './account-deadlines';
import type { AccountUndo } from './account-undo.service';
import type { AccountStore } from './account.store';

const ORG = '00000000-0000-4000-8000-000000000001';
const CREDENTIAL: CreateCredentialReply = {
  accountId: 'set by identity',
  mustChangePassword: true,
  created: true,
  passwordDigest: 'digest',
};

/**
 * The saga over fakes that write down what each step did, in order, and in which
 * transaction: the order of T1, identity's insert and T2 is what it is for.
 */
function sagaWith(options: {
  key?: KeyState;
  identity?: () => Promise<CreateCredentialReply>;
  activated?: boolean;
}) {
  const steps: string[] = [];
  let transaction = 0;
  let current = 'none';
  const manager = {} as EntityManager;
  const dataSource = {
    manager,
    transaction: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      current = `tx${++transaction}`;
      try {
        return await work(manager);
      } finally {
        current = 'none';
      }
    },
  } as unknown as DataSource;
  const step = (name: string) => steps.push(current === 'none' ? name : `${current}: ${name}`);
  const accounts = {
    insert: () => (step('insert account'), Promise.resolve()),
    activate: (_: EntityManager, ids: string[]) => (
      step('activate'),
      Promise.resolve(options.activated === false ? [] : ids)
    ),
    refuse: () => (step('refuse account'), Promise.resolve()),
    stateOf: () => Promise.resolve(undefined),
  } as unknown as AccountStore;
  const idempotency = {
    state: () => Promise.resolve(options.key ?? { kind: 'new' }),
    claim: () => (step('claim key'), Promise.resolve(true)),
    recordSuccess: () => (step('record reply'), Promise.resolve()),
    recordFailure: (_m: unknown, _u: unknown, error: { code: string }, fromIdentity: boolean) => (
      step(`record ${error.code}${fromIdentity ? ' from identity' : ''}`),
      Promise.resolve()
    ),
    release: () => (step('release key'), Promise.resolve()),
    keepDigests: () => (step('keep digests'), Promise.resolve()),
  } as unknown as IdempotencyService;
  const identity = {
    send: () => (
      step('identity: create credential'),
      (options.identity ?? (() => Promise.resolve(CREDENTIAL)))()
    ),
  } as unknown as RpcClient;
  const undo = {
    abandonOrLeaveToSweep: () => (step('abandon'), Promise.resolve()),
  } as unknown as AccountUndo;
  const deadlines = { next: () => new Date() } as AccountDeadlines;
  const saga = new AccountCreationSaga(
    dataSource,
    identity,
    accounts,
    deadlines,
    undo,
    idempotency,
  );
  const spec: AccountCreation<{ id: string }> = {
    scope: ORG,
    key: 'key-1',
    meaning: { kind: 'test' },
    command: {},
    sealedPassword: 'sealed',
    setByAdministrator: true,
    account: {
      organizationId: ORG,
      role: Roles.TECHNICIAN,
      name: 'Ada',
      email: 'a@b.c',
      enabled: true,
    },
    beforeAccount: () => (step('check target'), Promise.resolve()),
    afterAccount: () => (step('insert technician'), Promise.resolve()),
    refusalOf: () => undefined,
    reply: (_m, id) => (step('build reply'), Promise.resolve({ id })),
    onActive: () => (step('add event'), Promise.resolve()),
    onRefused: () => (step('undo more'), Promise.resolve()),
  };
  return { saga, spec, steps };
}

const refusal = (code: string) => new RpcCallError({ code, message: 'no' } as never, 'identity');

describe('AccountCreationSaga', () => {
  it('runs T1, identity’s insert, then T2, each step in its place', async () => {
    const { saga, spec, steps } = sagaWith({});
    const reply = await saga.create(spec);
    expect(reply.id).toEqual(expect.any(String));
    expect(steps).toEqual([
      'tx1: claim key',
      'tx1: check target',
      'tx1: insert account',
      'tx1: insert technician',
      'identity: create credential',
      'tx2: activate',
      'tx2: build reply',
      'tx2: record reply',
      'tx2: add event',
    ]);
  });

  it('answers a repeat of a finished command with its first reply, doing nothing', async () => {
    const { saga, spec, steps } = sagaWith({ key: { kind: 'done', reply: { id: 'first' } } });
    await expect(saga.create(spec)).resolves.toEqual({ id: 'first' });
    expect(steps).toEqual([]);
  });

  it('records a business refusal of T1 as the key’s outcome', async () => {
    const { saga, spec, steps } = sagaWith({});
    spec.afterAccount = () => Promise.reject(new Error('duplicate key'));
    spec.refusalOf = () => rpcError(ErrorCodes.EMAIL_TAKEN, 'taken');
    await expect(saga.create(spec)).rejects.toMatchObject({
      error: expect.objectContaining({ code: ErrorCodes.EMAIL_TAKEN }),
    });
    expect(steps).toEqual([
      'tx1: claim key',
      'tx1: check target',
      'tx1: insert account',
      `record ${ErrorCodes.EMAIL_TAKEN}`,
      'keep digests',
    ]);
  });

  it('deletes the account identity refused, and keeps the refusal as the outcome', async () => {
    const { saga, spec, steps } = sagaWith({
      identity: () => Promise.reject(refusal(ErrorCodes.PASSWORD_POLICY)),
    });
    await expect(saga.create(spec)).rejects.toBeInstanceOf(RpcCallError);
    expect(steps.slice(4)).toEqual([
      'identity: create credential',
      `tx2: record ${ErrorCodes.PASSWORD_POLICY} from identity`,
      'tx2: undo more',
      'tx2: refuse account',
      'keep digests',
    ]);
  });

  it('lets the key go when identity no longer holds the sealing key', async () => {
    const { saga, spec, steps } = sagaWith({
      identity: () => Promise.reject(refusal(ErrorCodes.SEALING_KEY_UNKNOWN)),
    });
    await expect(saga.create(spec)).rejects.toBeInstanceOf(RpcCallError);
    expect(steps.slice(5)).toEqual(['tx2: release key', 'tx2: undo more', 'tx2: refuse account']);
  });

  it('abandons the account when identity’s answer is unknown', async () => {
    const { saga, spec, steps } = sagaWith({
      identity: () => Promise.reject(refusal(ErrorCodes.SERVICE_UNAVAILABLE)),
    });
    await expect(saga.create(spec)).rejects.toBeInstanceOf(RpcCallError);
    expect(steps.slice(4)).toEqual(['identity: create credential', 'abandon']);
  });

  it('says SERVICE_UNAVAILABLE when the sweep undid the account while identity answered', async () => {
    const { saga, spec, steps } = sagaWith({ activated: false });
    await expect(saga.create(spec)).rejects.toMatchObject({
      error: expect.objectContaining({ code: ErrorCodes.SERVICE_UNAVAILABLE }),
    });
    expect(steps.slice(-1)).toEqual(['tx2: activate']);
  });
});
