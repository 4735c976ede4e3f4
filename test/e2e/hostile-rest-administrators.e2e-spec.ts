import { isDeepStrictEqual } from 'node:util';
import { brokenRules } from '../support/field-rules';
import { createAdministrator, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import {
  accepted,
  API,
  collisionGroups,
  differences,
  emailKey,
  Findings,
  HOSTILE,
  inLanes,
  LANES,
  ok,
  passwordExpectation,
  problem,
  refusalOf,
  withoutMustChange,
} from '../support/hostile-answers';
import { HostileRest } from '../support/hostile-rest';
import type { Stack } from '../support/stack';

/**
 * Hostile input through the REST API (issue 6): the fields of an administrator (name, email,
 * password), for every hostile string (test/support/hostile-rest.ts says what each answer must
 * be).
 */
describe('Hostile strings through the administrator fields of the REST API', () => {
  const hostile = HostileRest.use('hostilerestadmin', 'administrators');
  const { call, accountCount, passwordHash, accountsWithEmail, expectSignIn } = hostile;
  let stack: Stack, token: string;
  beforeAll(() => ({ stack, token } = hostile));

  /** Every administrator, read through GET /administrators page after page. */
  async function allAdministrators(findings: Findings): Promise<Map<string, any>> {
    const found = new Map<string, any>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call(
        findings,
        'listing',
        'GET',
        `${API}/administrators?limit=200${query}`,
        { expected: accepted(200) },
      );
      if (!page || !ok(page)) break;
      for (const item of page.body.items) found.set(item.id, item);
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  }

  describe('PATCH /administrators/:id', () => {
    it.each(['name', 'email', 'password'] as const)(
      'changes an administrator to a hostile %s exactly as sent, or refuses it as the rules say, changing nothing',
      async (field) => {
        const administrators = await Promise.all(
          Array.from({ length: LANES }, () => createAdministrator(stack.api, token)),
        );
        const views = await allAdministrators(new Findings());
        const current = administrators.map((a) => withoutMustChange(views.get(a.id)));
        const findings = new Findings();
        const items = collisionGroups(HOSTILE, field === 'email' ? emailKey : () => undefined);
        await inLanes(items, async (group, lane) => {
          for (const { value, label } of group) {
            const before = current[lane];
            const hashBefore = await passwordHash(before.id);
            const expected =
              field === 'password'
                ? passwordExpectation('password', value, 200)
                : (refusalOf({ [field]: brokenRules(field, value) }) ?? accepted(200));
            const response = await call(
              findings,
              label,
              'PATCH',
              `${API}/administrators/${before.id}`,
              { body: { [field]: value }, expected },
            );
            if (!response) continue;
            if (ok(response)) {
              const answer = withoutMustChange(response.body);
              const wanted = {
                ...before,
                ...(field === 'password' ? {} : { [field]: value.trim() }),
                updatedAt: answer.updatedAt,
              };
              if (!isDeepStrictEqual(answer, wanted))
                findings.add(label, `stored, expected ${differences(wanted, answer)}`);
              if (field === 'password') await expectSignIn(findings, label, before.email, value);
              current[lane] = answer;
              continue;
            }
            const read = withoutMustChange((await allAdministrators(findings)).get(before.id));
            if (!isDeepStrictEqual(read, before))
              findings.add(
                label,
                `refused with ${response.status} but changed ${differences(before, read)}`,
              );
            if ((await passwordHash(before.id)) !== hashBefore)
              findings.add(label, `refused with ${response.status} but the password changed`);
          }
        });
        // Each administrator as last answered is the administrator as stored.
        const listed = await allAdministrators(findings);
        for (const administrator of current) {
          if (!isDeepStrictEqual(withoutMustChange(listed.get(administrator.id)), administrator))
            findings.add(
              administrator.id,
              `reads ${differences(administrator, listed.get(administrator.id))}`,
            );
        }
        findings.expectNone();
        // Free the emails they took for the tests after this one.
        for (const { id } of administrators) {
          const freed = await stack.api.request('PATCH', `${API}/administrators/${id}`, {
            token,
            body: { email: uniqueEmail('freed') },
          });
          expect(freed.status).toBe(200);
        }
      },
    );
    it('refuses a change whose password breaks the policy without changing the other fields', async () => {
      const administrator = await createAdministrator(stack.api, token);
      const before = (await allAdministrators(new Findings())).get(administrator.id);

      const response = await stack.api.request(
        'PATCH',
        `${API}/administrators/${administrator.id}`,
        {
          token,
          body: { name: 'Renamed by a refused request', password: 'short' },
        },
      );

      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 422,
        code: 'PASSWORD_POLICY',
      });
      const after = (await allAdministrators(new Findings())).get(administrator.id);
      expect(after).toEqual(before);
    });
  });

  describe('POST /administrators', () => {
    it.each(['name', 'email', 'password'] as const)(
      'creates an administrator with a hostile %s exactly as sent, or refuses it as the rules say, creating no account',
      async (field) => {
        const before = await accountCount();
        const findings = new Findings();
        const created = new Map<string, { label: string; body: Record<string, unknown> }>();
        // Administrators stay: of equal emails the first is created, the others are taken.
        const items = collisionGroups(HOSTILE, field === 'email' ? emailKey : () => undefined);
        await inLanes(items, async (group) => {
          for (const [index, { value, label }] of group.entries()) {
            const body = {
              name: 'Hostile Administrator',
              email: uniqueEmail('hostile-admin'),
              password: GOOD_PASSWORD,
              role: 'admin',
              groupIds: [],
              [field]: value,
            };
            const expected =
              field === 'password'
                ? passwordExpectation('password', value, 201)
                : (refusalOf({ [field]: brokenRules(field, value) }) ??
                  (index === 0 ? accepted(201) : problem(409, 'EMAIL_TAKEN', ['email'])));
            const response = await call(findings, label, 'POST', `${API}/administrators`, {
              body,
              expected,
            });
            if (!response) continue;
            if (!ok(response)) {
              if (field !== 'email' && (await accountsWithEmail(body.email)) !== 0)
                findings.add(label, `refused with ${response.status} but the account exists`);
              continue;
            }
            created.set(response.body.id, { label, body });
            if (field === 'password') await expectSignIn(findings, label, body.email, value);
          }
        });
        const listed = await allAdministrators(findings);
        for (const [id, { label, body }] of created) {
          const read = listed.get(id);
          if (field !== 'password' && read?.[field] !== (body[field] as string).trim())
            findings.add(label, `stored ${JSON.stringify(read?.[field])}`);
        }
        findings.expectNone();
        expect(created.size).toBeGreaterThan(0);
        expect(await accountCount()).toBe(before + created.size);
      },
    );
  });
});
