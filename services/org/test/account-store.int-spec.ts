import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Roles } from '@app/contracts';
import { openMigratedDatabase } from '../../../test/support/schema-check';
import { NewAccount } from '../src/accounts/account-rows';
import { AccountStore } from '../src/accounts/account.store';
import { entities, migrations } from '../src/database/schema';
import type { AccountState } from '../src/entities/account.entity';

/**
 * The account store against org's real Postgres: each change of state moves only the
 * accounts in a state it may leave (account-states.ts), for one account or many.
 */
describe('org: the account store', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let store: AccountStore;
  let organizationId: string;

  const soon = () => new Date(Date.now() + 60_000);
  const past = () => new Date(Date.now() - 60_000);

  beforeAll(async () => {
    ({ dataSource, drop } = await openMigratedDatabase('accountstore', {
      entities,
      migrations,
      poolSize: 4,
    }));
    store = new AccountStore(dataSource);
    organizationId = randomUUID();
    await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Store test')`, [
      organizationId,
    ]);
  });

  afterAll(() => drop?.());

  function newAccount(fields: Partial<NewAccount> = {}): NewAccount {
    const id = randomUUID();
    return {
      id,
      organizationId,
      role: Roles.TECHNICIAN,
      name: 'Ada Lovelace',
      email: `${id}@Example.com`,
      enabled: true,
      ...fields,
    };
  }

  /** An account inserted, then brought to `state` the way the services do. */
  async function accountIn(state: AccountState, deadline = soon()): Promise<string> {
    const account = newAccount();
    await store.insert(dataSource.manager, account, deadline);
    if (state === 'active' || state === 'deleting')
      await store.activate(dataSource.manager, [account.id]);
    if (state === 'deleting') await store.claimDeletion(account.id, 'accounts/someone', deadline);
    if (state === 'abandoning') await store.claimAbandon(account.id, deadline, false);
    expect(await store.stateOf(account.id)).toBe(state);
    return account.id;
  }

  const stateOf = (id: string) => store.stateOf(id);

  describe('insert', () => {
    it('inserts one account as provisioning, its login and sort key derived', async () => {
      const account = newAccount({ name: 'Émile ZOLA', email: 'Emile.Zola@Example.COM' });
      await store.insert(dataSource.manager, account, soon());
      const [row] = await dataSource.query<
        { state: string; email_normalized: string; sort_name: string }[]
      >('SELECT state, email_normalized, sort_name FROM accounts WHERE id = $1', [account.id]);
      expect(row).toEqual({
        state: 'provisioning',
        email_normalized: 'emile.zola@example.com',
        sort_name: 'émile zola',
      });
      expect(await store.emailInUse('EMILE.zola@example.com')).toBe(true);
    });

    it('refuses a second account with the same login', async () => {
      const first = newAccount();
      await store.insert(dataSource.manager, first, soon());
      await expect(
        store.insert(dataSource.manager, newAccount({ email: first.email.toUpperCase() }), soon()),
      ).rejects.toThrow(/accounts_email_uq/);
    });

    it('inserts many in one statement, skipping a login taken or twice among them', async () => {
      const taken = newAccount();
      await store.insert(dataSource.manager, taken, soon());
      const fresh = newAccount();
      const twice = newAccount();
      const again = newAccount({ email: twice.email });
      const clash = newAccount({ email: taken.email });
      const inserted = await store.insertMany(
        dataSource.manager,
        [fresh, twice, again, clash],
        soon(),
      );
      expect(inserted).toEqual(new Set([fresh.id, twice.id]));
      expect(await store.insertMany(dataSource.manager, [], soon())).toEqual(new Set());
    });
  });

  describe('activate', () => {
    it('makes one provisioning account active, and only once', async () => {
      const id = await accountIn('provisioning');
      expect(await store.activate(dataSource.manager, [id])).toEqual([id]);
      expect(await stateOf(id)).toBe('active');
      expect(await store.activate(dataSource.manager, [id])).toEqual([]);
    });

    it('makes many active, leaving out those in any other state', async () => {
      const provisioning = [await accountIn('provisioning'), await accountIn('provisioning')];
      const abandoning = await accountIn('abandoning');
      const deleting = await accountIn('deleting');
      const activated = await store.activate(dataSource.manager, [
        ...provisioning,
        abandoning,
        deleting,
        randomUUID(),
      ]);
      expect(activated.sort()).toEqual([...provisioning].sort());
      expect(await stateOf(abandoning)).toBe('abandoning');
      expect(await stateOf(deleting)).toBe('deleting');
    });
  });

  describe('refuse and remove', () => {
    it('deletes refused provisioning accounts, one or many, and nothing in another state', async () => {
      const one = await accountIn('provisioning');
      const many = [await accountIn('provisioning'), await accountIn('provisioning')];
      const active = await accountIn('active');
      const abandoning = await accountIn('abandoning');
      await store.refuse(dataSource.manager, [one]);
      expect(await stateOf(one)).toBeUndefined();
      await store.refuse(dataSource.manager, [...many, active, abandoning]);
      for (const id of many) expect(await stateOf(id)).toBeUndefined();
      expect(await stateOf(active)).toBe('active');
      expect(await stateOf(abandoning)).toBe('abandoning');
    });

    it('removes rows whatever their state', async () => {
      const ids = [await accountIn('provisioning'), await accountIn('active')];
      await store.remove(dataSource.manager, ids);
      for (const id of ids) expect(await stateOf(id)).toBeUndefined();
      await expect(store.remove(dataSource.manager, [])).resolves.toBeUndefined();
    });
  });

  describe('take over', () => {
    it('gives a provisioning account a new deadline; nothing else is taken over', async () => {
      const provisioning = await accountIn('provisioning', past());
      expect(await store.takeOver(provisioning, soon())).toBe(true);
      expect(await store.stale(500)).not.toContainEqual(
        expect.objectContaining({ id: provisioning }),
      );
      for (const state of ['active', 'abandoning', 'deleting'] as const) {
        const id = await accountIn(state);
        expect(await store.takeOver(id, soon())).toBe(false);
        expect(await stateOf(id)).toBe(state);
      }
    });
  });

  describe('delete', () => {
    it('claims only an active account for deletion, with who deletes it', async () => {
      const active = await accountIn('active');
      expect(await store.claimDeletion(active, 'accounts/admin', soon())).toBe(true);
      expect(await stateOf(active)).toBe('deleting');
      expect(await store.claimDeletion(active, 'accounts/other', soon())).toBe(false);
      const provisioning = await accountIn('provisioning');
      expect(await store.claimDeletion(provisioning, 'accounts/admin', soon())).toBe(false);

      const deleted = await store.finishUndo(dataSource.manager, active, 'deleting');
      expect(deleted).toMatchObject({ id: active, state: 'deleting', deletedBy: 'accounts/admin' });
      expect(await stateOf(active)).toBeUndefined();
      expect(await store.finishUndo(dataSource.manager, active, 'deleting')).toBeUndefined();
    });

    it('claims a deletion again only once its deadline passed', async () => {
      const running = await accountIn('deleting', soon());
      expect(await store.reclaimDeletion(running, soon())).toBe(false);
      const died = await accountIn('deleting', past());
      expect(await store.reclaimDeletion(died, soon())).toBe(true);
      expect(await stateOf(died)).toBe('deleting');
      expect(await store.reclaimDeletion(await accountIn('active'), soon())).toBe(false);
    });
  });

  describe('abandon', () => {
    it('claims a provisioning or abandoning account, at once or past its deadline only', async () => {
      const waiting = await accountIn('provisioning', soon());
      expect(await store.claimAbandon(waiting, soon(), true)).toBe(false);
      expect(await store.claimAbandon(waiting, soon(), false)).toBe(true);
      expect(await stateOf(waiting)).toBe('abandoning');

      const stale = await accountIn('provisioning', past());
      expect(await store.claimAbandon(stale, soon(), true)).toBe(true);
      const died = await accountIn('abandoning', past());
      expect(await store.claimAbandon(died, soon(), true)).toBe(true);

      for (const state of ['active', 'deleting'] as const) {
        const id = await accountIn(state);
        expect(await store.claimAbandon(id, soon(), false)).toBe(false);
        expect(await stateOf(id)).toBe(state);
      }
    });

    it('deletes an abandoning account only as abandoning', async () => {
      const id = await accountIn('abandoning');
      expect(await store.finishUndo(dataSource.manager, id, 'deleting')).toBeUndefined();
      expect(await stateOf(id)).toBe('abandoning');
      expect(await store.finishUndo(dataSource.manager, id, 'abandoning')).toMatchObject({ id });
      expect(await stateOf(id)).toBeUndefined();
    });
  });

  it('lists for the sweep the unfinished accounts and deletions past their deadline', async () => {
    const stale = [
      await accountIn('provisioning', past()),
      await accountIn('abandoning', past()),
      await accountIn('deleting', past()),
    ];
    const fresh = [await accountIn('provisioning'), await accountIn('active')];
    const listed = (await store.stale(500)).map((row) => row.id);
    expect(listed).toEqual(expect.arrayContaining(stale));
    for (const id of fresh) expect(listed).not.toContain(id);
  });

  describe('changes outside the state machine', () => {
    it('derives the login and sort key of a new email and name', async () => {
      const id = await accountIn('active');
      await store.update(dataSource.manager, id, { name: 'Grace HOPPER', email: 'Grace@Navy.MIL' });
      const account = await store.get(dataSource.manager, id, organizationId);
      expect(account).toMatchObject({
        name: 'Grace HOPPER',
        sortName: 'grace hopper',
        email: 'Grace@Navy.MIL',
        emailNormalized: 'grace@navy.mil',
      });
      expect((await store.activeByEmail('grace@navy.mil'))?.id).toBe(id);
    });

    it('never lets older tokens back in when sessions end up to a moment', async () => {
      const id = await accountIn('active');
      const later = new Date(Date.now() + 10_000);
      await store.endSessionsUpTo(id, later);
      await store.endSessionsUpTo(id, new Date(Date.now() - 10_000));
      const account = await store.get(dataSource.manager, id, organizationId);
      expect(account.sessionsValidAfter?.getTime()).toBe(later.getTime());
    });

    it('counts the enabled, active Master Administrators but one', async () => {
      const orgId = randomUUID();
      await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Masters')`, [
        orgId,
      ]);
      const master = newAccount({ organizationId: orgId, role: Roles.MASTER_ADMIN });
      const other = newAccount({ organizationId: orgId, role: Roles.MASTER_ADMIN });
      await store.insert(dataSource.manager, master, soon());
      await store.insert(dataSource.manager, other, soon());
      expect(await store.enabledMasters(orgId)).toBe(0);
      await store.activate(dataSource.manager, [master.id, other.id]);
      expect(await store.enabledMasters(orgId)).toBe(2);
      expect(await store.enabledMasters(orgId, master.id)).toBe(1);
      await store.update(dataSource.manager, other.id, { enabled: false });
      expect(await store.enabledMasters(orgId, master.id)).toBe(0);
      expect((await store.masters(orgId)).map((a) => a.id).sort()).toEqual(
        [master.id, other.id].sort(),
      );
    });
  });
});
