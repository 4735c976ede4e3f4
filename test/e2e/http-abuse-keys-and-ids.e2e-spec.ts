import { randomUUID } from 'node:crypto';
import { GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { API, HttpAbuse } from '../support/http-abuse';
import { expectProblem } from '../support/problems';

/**
 * Abuse of HTTP itself (issue 6): `__proto__`, `constructor` and `prototype` keys in bodies,
 * queries and upload fields, and invalid UUIDs and malformed percent-encoding in every path.
 * Every case expects one answer: the exact status and problem code (or a 2xx where the request
 * is legitimately valid), never a 5xx; nothing is stored; the stack stays up
 * (test/support/http-abuse.ts).
 */
describe('HTTP abuse of the gateway', () => {
  const abuse = HttpAbuse.use('httpabusekeys', 'keys and ids');
  const { send, groupCount } = abuse;
  let home: { id: string }, technician: { id: string };
  beforeAll(() => ({ home, technician } = abuse));

  describe('__proto__, constructor and prototype keys', () => {
    const pollution = [
      ['__proto__ at the top', '{"name":"Polluter","__proto__":{"polluted":"yes"}}', '__proto__'],
      [
        'constructor.prototype at the top',
        '{"name":"Polluter","constructor":{"prototype":{"polluted":"yes"}}}',
        'constructor',
      ],
      ['prototype at the top', '{"name":"Polluter","prototype":{"polluted":"yes"}}', 'prototype'],
      [
        '__proto__ nested in an unknown field',
        '{"name":"Polluter","nested":{"__proto__":{"polluted":"yes"}}}',
        'nested',
      ],
      ['__proto__ nested in a known field', '{"name":{"__proto__":{"polluted":"yes"}}}', 'name'],
      [
        'constructor nested in the permissions',
        '{"name":"Polluter","permissions":[{"constructor":{"prototype":{"polluted":"yes"}}}]}',
        'permissions',
      ],
    ];

    it.each(pollution)(
      'refuses %s with 400 VALIDATION_FAILED naming the field, creating nothing',
      async (_, text, field) => {
        const before = await groupCount();
        const response = await send('POST', `${API}/groups`, {
          rawBody: text,
          headers: { 'content-type': 'application/json' },
        });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        // The field itself, or the path of the forbidden key inside it (name.__proto__).
        const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
        expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
        expect(await groupCount()).toBe(before);
      },
    );

    it.each([
      ['PATCH /groups/:id', () => `${API}/groups/${home.id}`, 'PATCH'],
      ['PATCH /technicians/:id', () => `${API}/technicians/${technician.id}`, 'PATCH'],
      ['POST /auth/login', () => `${API}/auth/login`, 'POST'],
      ['PUT /settings/password-policy', () => `${API}/settings/password-policy`, 'PUT'],
    ])('%s refuses a __proto__ key with 400 VALIDATION_FAILED', async (_, url, method) => {
      const response = await send(method, url(), {
        rawBody: '{"__proto__":{"polluted":"yes","role":"master_admin"}}',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it.each([
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      '__proto__=x',
      'constructor=x',
      'prototype=x',
    ])('refuses the query parameter %s with 400 VALIDATION_FAILED', async (query) => {
      const response = await send('GET', `${API}/technicians?${query}`);
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('leaves no pollution behind: later requests behave normally and answers have no polluted member', async () => {
      const created = await send('POST', `${API}/groups`, { body: { name: 'After pollution' } });
      expect(created.status).toBe(201);
      const read = await send('GET', `${API}/groups/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(Object.keys(read.body).sort()).toEqual(
        ['description', 'id', 'name', 'parentId', 'permissions', 'technicianCount'].sort(),
      );
      expect(read.body.polluted).toBeUndefined();
      const refused = await send('POST', `${API}/groups`, { body: {} });
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.polluted).toBeUndefined();
      const me = await send('GET', `${API}/me`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ role: 'master_admin' });
      expect(me.body.polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('invalid UUIDs in paths', () => {
    const INVALID = [
      'not-a-uuid',
      '1',
      "' OR '1'='1",
      'x'.repeat(300),
      '00000000-0000-0000-0000-00000000000g',
      '0000000000000000000000000000000',
      `{${randomUUID()}}`,
      `${randomUUID()}-0`,
      randomUUID().replace(/-/g, ''),
      '%00',
      '%E2%80%AE',
      '..%2F..%2Fhealth',
    ];
    const ROUTES: [string, string, () => unknown][] = [
      ['GET', '/groups/:id', () => undefined],
      ['PATCH', '/groups/:id', () => ({ name: 'Renamed' })],
      ['DELETE', '/groups/:id', () => undefined],
      ['GET', '/groups/:id/technicians', () => undefined],
      [
        'POST',
        '/groups/:id/technicians',
        () => ({ name: 'T', email: uniqueEmail('uuid'), password: GOOD_PASSWORD }),
      ],
      ['GET', '/technicians/:id', () => undefined],
      ['PATCH', '/technicians/:id', () => ({ name: 'Renamed' })],
      ['DELETE', '/technicians/:id', () => undefined],
      ['POST', '/technicians/:id/move', () => ({ groupId: home.id })],
      ['POST', '/technicians/:id/password', () => ({ password: GOOD_PASSWORD })],
      ['PATCH', '/administrators/:id', () => ({ name: 'Renamed' })],
      ['GET', '/imports/:id', () => undefined],
      ['GET', '/imports/:id/items', () => undefined],
      ['GET', '/imports/:id/report.csv', () => undefined],
      ['POST', '/imports/:id/cancel', () => undefined],
    ];

    it.each(ROUTES.map(([method, route, body]) => [`${method} ${route}`, method, route, body]))(
      '%s answers every invalid id with 400 VALIDATION_FAILED naming the parameter id',
      async (_, method, route, body) => {
        for (const id of INVALID) {
          const response = await send(method, `${API}${route.replace(':id', id)}`, {
            body: body(),
          });
          expect({ id, status: response.status }).toEqual({ id, status: 400 });
          expectProblem(response, 400, 'VALIDATION_FAILED');
          expect(response.body.errors).toEqual([
            expect.objectContaining({ field: 'id', code: 'INVALID_UUID' }),
          ]);
        }
      },
    );

    it.each(['%', '%E0%A4%A', '%zz', '%C0%AF'])(
      'answers the malformed percent-encoding %s in a path id with 400 VALIDATION_FAILED',
      async (id) => {
        expectProblem(await send('GET', `${API}/groups/${id}`), 400, 'VALIDATION_FAILED');
      },
    );
  });
});
