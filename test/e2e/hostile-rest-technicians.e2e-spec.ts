import { isDeepStrictEqual } from 'node:util';
import { brokenRules, TextField } from '../support/field-rules';
import { createTechnician, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import {
  accepted,
  API,
  brokenFields,
  collisionGroups,
  differences,
  emailKey,
  Expected,
  Findings,
  HOSTILE,
  inLanes,
  LANES,
  ok,
  passwordExpectation,
  refusalOf,
  ssoIdKey,
  storedTechnicianField,
  TEXT_FIELDS,
  withoutMustChange,
} from '../support/hostile-answers';
import { HostileRest } from '../support/hostile-rest';
import type { Stack } from '../support/stack';

/**
 * Hostile input through the REST API (issue 6): the fields of a technician (name, nickname,
 * ssoId, description, email, password), for every hostile string (test/support/hostile-rest.ts
 * says what each answer must be).
 *
 * Fields checked together share one request per string, and go again alone where the string
 * suits them (test/support/hostile-answers.ts).
 */
describe('Hostile strings through the technician fields of the REST API', () => {
  const hostile = HostileRest.use('hostileresttech', 'technicians');
  const { call, accountCount, accountsWithEmail, expectSignIn } = hostile;
  let stack: Stack, token: string, home: { id: string };
  beforeAll(() => ({ stack, token, home } = hostile));

  describe('POST /groups/:id/technicians', () => {
    it('creates a technician with a hostile name, nickname, ssoId and description exactly as sent, or refuses naming each broken field, creating no account', async () => {
      const before = await accountCount();
      const findings = new Findings();
      let created = 0;
      /** Creates (then deletes) one technician; the answer is the technician as stored. */
      const create = async (label: string, value: string, fields: readonly TextField[]) => {
        const body: Record<string, string> = {
          name: 'Hostile Technician',
          email: uniqueEmail('hostile'),
          password: GOOD_PASSWORD,
          ...Object.fromEntries(fields.map((field) => [field, value])),
        };
        const broken = brokenFields(fields, value);
        const response = await call(
          findings,
          label,
          'POST',
          `${API}/groups/${home.id}/technicians`,
          {
            body,
            expected: refusalOf(broken) ?? accepted(201),
          },
        );
        if (!response) return undefined;
        if (!ok(response)) {
          if ((await accountsWithEmail(body.email)) !== 0)
            findings.add(label, `refused with ${response.status} but the account exists`);
          return response;
        }
        created += 1;
        for (const field of fields) {
          const expected = storedTechnicianField(field, value, response.body.name);
          if (response.body[field] !== expected)
            findings.add(label, `stored ${field} ${JSON.stringify(response.body[field])}`);
        }
        await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
          expected: accepted(204),
        });
        return response;
      };
      // A Single Sign-On ID is unique in the organization: equal ones go one after another.
      await inLanes(collisionGroups(HOSTILE, ssoIdKey), async (group) => {
        for (const { value, label } of group) {
          const response = await create(label, value, TEXT_FIELDS);
          if (!response || ok(response)) continue;
          const alone = TEXT_FIELDS.filter((field) => brokenRules(field, value).length === 0);
          if (alone.length > 0) await create(label, value, alone);
        }
      });
      findings.expectNone();
      expect(created).toBeGreaterThan(0);
      expect(await accountCount()).toBe(before);
    });

    it('creates a technician with a hostile email exactly as sent, or refuses naming email, creating no account', async () => {
      const before = await accountCount();
      const findings = new Findings();
      let created = 0;
      // Emails are unique case-insensitively: equal ones go one after another (each deleted).
      await inLanes(collisionGroups(HOSTILE, emailKey), async (group) => {
        for (const { value, label } of group) {
          const response = await call(
            findings,
            label,
            'POST',
            `${API}/groups/${home.id}/technicians`,
            {
              body: { name: 'Hostile Technician', email: value, password: GOOD_PASSWORD },
              expected: refusalOf({ email: brokenRules('email', value) }) ?? accepted(201),
            },
          );
          if (!response || !ok(response)) continue;
          created += 1;
          if (response.body.email !== value.trim())
            findings.add(label, `stored ${JSON.stringify(response.body.email)}`);
          await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
            expected: accepted(204),
          });
        }
      });
      findings.expectNone();
      expect(created).toBeGreaterThan(0);
      expect(await accountCount()).toBe(before);
    });

    it('creates a technician with a hostile password that signs in, or refuses it (400, or 422 naming each rule broken), creating no account', async () => {
      const before = await accountCount();
      const findings = new Findings();
      let created = 0;
      await inLanes(HOSTILE, async ({ value, label }) => {
        const email = uniqueEmail('hostile');
        const response = await call(
          findings,
          label,
          'POST',
          `${API}/groups/${home.id}/technicians`,
          {
            body: { name: 'Hostile Technician', email, password: value },
            expected: passwordExpectation('password', value, 201),
          },
        );
        if (!response) return;
        if (!ok(response)) {
          if ((await accountsWithEmail(email)) !== 0)
            findings.add(label, `refused with ${response.status} but the account exists`);
          return;
        }
        created += 1;
        await expectSignIn(findings, label, email, value);
        await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
          expected: accepted(204),
        });
      });
      findings.expectNone();
      expect(created).toBeGreaterThan(0);
      expect(await accountCount()).toBe(before);
    });
  });

  describe('PATCH /technicians/:id', () => {
    /** One technician per lane, as GET reads it. */
    async function laneTechnicians(): Promise<any[]> {
      return Promise.all(
        Array.from({ length: LANES }, async () => {
          const { password: _, ...view } = await createTechnician(stack.api, token, home.id);
          return (await stack.api.get(`${API}/technicians/${view.id}`, token)).body;
        }),
      );
    }

    /** Deletes them: their names, emails and ssoIds are free for the tests after this one. */
    async function deleteAll(technicians: any[]): Promise<void> {
      for (const { id } of technicians) {
        expect(
          (await stack.api.request('DELETE', `${API}/technicians/${id}`, { token })).status,
        ).toBe(204);
      }
    }

    /**
     * PATCHes the lane's technician: the answer is the technician as stored (as GET reads
     * it, but for mustChangePassword, which only GET tells); a refusal must change nothing.
     */
    async function patch(
      findings: Findings,
      technicians: any[],
      label: string,
      lane: number,
      changes: Partial<Record<TextField, string>>,
      expected: Expected,
    ) {
      const before = technicians[lane];
      const response = await call(findings, label, 'PATCH', `${API}/technicians/${before.id}`, {
        body: changes,
        expected,
      });
      if (!response) return undefined;
      if (ok(response)) {
        const name = changes.name !== undefined ? changes.name.trim() : before.name;
        const wanted = {
          ...before,
          ...Object.fromEntries(
            Object.entries(changes).map(([field, value]) => [
              field,
              storedTechnicianField(field as TextField, value, name),
            ]),
          ),
          updatedAt: response.body.updatedAt,
        };
        // An unchanged value is no change: nickname '' on a nickname equal to the name.
        if (!isDeepStrictEqual(withoutMustChange(response.body), withoutMustChange(wanted)))
          findings.add(label, `stored, expected ${differences(response.body, wanted)}`);
        technicians[lane] = { ...response.body, mustChangePassword: before.mustChangePassword };
      } else {
        const read = await call(findings, label, 'GET', `${API}/technicians/${before.id}`);
        if (read && !isDeepStrictEqual(read.body, before))
          findings.add(
            label,
            `refused with ${response.status} but changed ${differences(before, read.body)}`,
          );
      }
      return response;
    }

    /** Each technician as last answered is the technician as stored. */
    async function expectStored(findings: Findings, technicians: any[]): Promise<void> {
      for (const technician of technicians) {
        const read = await call(
          findings,
          'read back',
          'GET',
          `${API}/technicians/${technician.id}`,
        );
        if (!isDeepStrictEqual(read?.body, technician))
          findings.add(technician.id, `reads ${differences(technician, read?.body)}`);
      }
    }

    it('changes a technician to a hostile name, nickname, ssoId and description exactly as sent, or refuses naming each broken field, changing nothing', async () => {
      const technicians = await laneTechnicians();
      const findings = new Findings();
      // Equal Single Sign-On IDs go one after another, to the same lane's technician.
      await inLanes(collisionGroups(HOSTILE, ssoIdKey), async (group, lane) => {
        for (const { value, label } of group) {
          const all = Object.fromEntries(TEXT_FIELDS.map((field) => [field, value]));
          const broken = brokenFields(TEXT_FIELDS, value);
          const response = await patch(
            findings,
            technicians,
            label,
            lane,
            all,
            refusalOf(broken) ?? accepted(200),
          );
          if (!response || ok(response)) continue;
          const alone = TEXT_FIELDS.filter((field) => broken[field].length === 0);
          if (alone.length > 0)
            await patch(
              findings,
              technicians,
              label,
              lane,
              Object.fromEntries(alone.map((field) => [field, value])),
              accepted(200),
            );
        }
      });
      await expectStored(findings, technicians);
      findings.expectNone();
      await deleteAll(technicians);
    });

    it('changes a technician to a hostile email exactly as sent, or refuses naming email, changing nothing', async () => {
      const technicians = await laneTechnicians();
      const findings = new Findings();
      await inLanes(collisionGroups(HOSTILE, emailKey), async (group, lane) => {
        for (const { value, label } of group) {
          await patch(
            findings,
            technicians,
            label,
            lane,
            { email: value },
            refusalOf({ email: brokenRules('email', value) }) ?? accepted(200),
          );
        }
      });
      await expectStored(findings, technicians);
      findings.expectNone();
      await deleteAll(technicians);
    });
  });
});
