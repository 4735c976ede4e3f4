import { randomUUID } from 'node:crypto';
import { administratorRequests, expectFieldNamed } from '../support/administrator-requests';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Administrators (spec section 3): GET and POST /administrators', () => {
  const session = stackSession('administrators-create');
  const { listAll } = administratorRequests(session);

  describe('GET /administrators', () => {
    it('answers 200 {items, nextCursor} including the bootstrap Master Administrator with role master_admin and no groups', async () => {
      const response = await session.stack.api.get('/api/v1/administrators', session.token);

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
      expect(response.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: expect.stringMatching(UUID),
            organizationId: expect.stringMatching(UUID),
            email: session.stack.adminEmail,
            role: 'master_admin',
            groupIds: [],
            enabled: true,
          }),
        ]),
      );
      expect(response.text).not.toContain(session.stack.adminPassword);
      expect(response.text).not.toMatch(/"password"|passwordHash|\$argon2/);
    });

    it('pages with limit and cursor: every administrator once, no page larger than the limit', async () => {
      await Promise.all(
        [1, 2, 3, 4].map((n) =>
          createAdministrator(session.stack.api, session.token, {
            name: `Paging Administrator ${n}`,
          }),
        ),
      );
      const everyone = await listAll(session.token);
      expect(everyone.length).toBeGreaterThanOrEqual(5);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
        const page = await session.stack.api.get(`/api/v1/administrators?${query}`, session.token);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item: any) => item.id as string));
        cursor = page.body.nextCursor as string | null;
        pages += 1;
        expect(pages).toBeLessThanOrEqual(everyone.length);
      } while (cursor);

      expect(pages).toBe(Math.ceil(everyone.length / 2));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(everyone.map((item) => item.id));
    });

    it('answers 400 VALIDATION_FAILED naming limit for a limit out of range, and cursor for a made-up cursor', async () => {
      expectFieldNamed(
        await session.stack.api.get('/api/v1/administrators?limit=0', session.token),
        'limit',
      );
      expectFieldNamed(
        await session.stack.api.get('/api/v1/administrators?limit=201', session.token),
        'limit',
      );
      expectFieldNamed(
        await session.stack.api.get('/api/v1/administrators?cursor=not-a-cursor', session.token),
        'cursor',
      );
    });
  });

  describe('POST /administrators', () => {
    it('creates an Administrator with its groups (201) and lists it', async () => {
      const [first, second] = await Promise.all([
        createGroup(session.stack.api, session.token),
        createGroup(session.stack.api, session.token),
      ]);
      const email = uniqueEmail('admin');
      const response = await session.stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Ada Administrator',
          email,
          password: GOOD_PASSWORD,
          role: 'admin',
          groupIds: [first.id, second.id],
        },
        session.token,
      );

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(UUID),
        name: 'Ada Administrator',
        email,
        role: 'admin',
        enabled: true,
        mustChangePassword: true,
      });
      expect([...response.body.groupIds].sort()).toEqual([first.id, second.id].sort());
      expect(response.text).not.toContain(GOOD_PASSWORD);

      const listed = (await listAll(session.token)).find((item) => item.id === response.body.id);
      expect(listed).toMatchObject({ name: 'Ada Administrator', email, role: 'admin' });
      expect([...listed.groupIds].sort()).toEqual([first.id, second.id].sort());
    });

    it('creates a Master Administrator (201), who may then manage administrators', async () => {
      const email = uniqueEmail('master');
      const response = await session.stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Second Master',
          email,
          password: GOOD_PASSWORD,
          role: 'master_admin',
          groupIds: [],
        },
        session.token,
      );

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(UUID),
        email,
        role: 'master_admin',
        groupIds: [],
        enabled: true,
      });

      const token = await signInChangingPassword(session.stack.api, email, GOOD_PASSWORD);
      const list = await session.stack.api.get('/api/v1/administrators', token);
      expect(list.status).toBe(200);
    });

    it('signs the new administrator in with mustChangePassword true; until it changes its password only /me and /auth/change-password work', async () => {
      const group = await createGroup(session.stack.api, session.token);
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [group.id],
      });

      const login = await session.stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ role: 'admin', mustChangePassword: true });
      const firstToken = login.body.accessToken as string;
      expectProblem(
        await session.stack.api.get('/api/v1/groups', firstToken),
        403,
        'PASSWORD_CHANGE_REQUIRED',
      );
      const me = await session.stack.api.get('/api/v1/me', firstToken);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        role: 'admin',
        email: admin.email,
        mustChangePassword: true,
      });

      const token = await signInChangingPassword(session.stack.api, admin.email, admin.password);
      const groups = await session.stack.api.get('/api/v1/groups', token);
      expect(groups.status).toBe(200);
      expect(groups.body.groups.map((g: any) => g.id)).toEqual([group.id]);
    });

    it.each([
      ['the same email', (email: string) => email],
      ['the same email in another case', (email: string) => email.toUpperCase()],
    ])('answers 409 EMAIL_TAKEN for %s as an existing administrator', async (_, variant) => {
      const existing = await createAdministrator(session.stack.api, session.token);
      const response = await session.stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Duplicate',
          email: variant(existing.email as string),
          password: GOOD_PASSWORD,
          role: 'admin',
          groupIds: [],
        },
        session.token,
      );
      expectProblem(response, 409, 'EMAIL_TAKEN');
    });

    it("answers 409 EMAIL_TAKEN for the bootstrap Master Administrator's email and for a technician's email", async () => {
      const group = await createGroup(session.stack.api, session.token);
      const technician = await createTechnician(session.stack.api, session.token, group.id);

      for (const email of [session.stack.adminEmail.toUpperCase(), technician.email as string]) {
        const response = await session.stack.api.post(
          '/api/v1/administrators',
          { name: 'Duplicate', email, password: GOOD_PASSWORD, role: 'admin', groupIds: [] },
          session.token,
        );
        expectProblem(response, 409, 'EMAIL_TAKEN');
      }
    });

    it('answers 404 GROUP_NOT_FOUND for a group id that does not exist, and creates nothing', async () => {
      const group = await createGroup(session.stack.api, session.token);
      const email = uniqueEmail('admin');
      const response = await session.stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Lost',
          email,
          password: GOOD_PASSWORD,
          role: 'admin',
          groupIds: [group.id, randomUUID()],
        },
        session.token,
      );

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
      expect((await listAll(session.token)).map((item) => item.email)).not.toContain(email);
    });

    const valid = () => ({
      name: 'Valid Name',
      email: uniqueEmail('admin'),
      password: GOOD_PASSWORD,
      role: 'admin',
      groupIds: [] as unknown[],
    });
    it.each([
      ['role', 'an unknown role', () => ({ ...valid(), role: 'owner' })],
      ['role', 'a missing role', () => ({ ...valid(), role: undefined })],
      ['groupIds', 'a group id that is not a UUID', () => ({ ...valid(), groupIds: ['nope'] })],
      ['groupIds', 'groupIds that is not a list', () => ({ ...valid(), groupIds: 'all' })],
      ['name', 'a missing name', () => ({ ...valid(), name: undefined })],
      ['name', 'a blank name', () => ({ ...valid(), name: '   ' })],
      ['email', 'a missing email', () => ({ ...valid(), email: undefined })],
      ['email', 'an invalid email', () => ({ ...valid(), email: 'not-an-email' })],
      ['password', 'a missing password', () => ({ ...valid(), password: undefined })],
      ['password', 'a password that is not a string', () => ({ ...valid(), password: 12345678 })],
      ['unexpected', 'an unknown field', () => ({ ...valid(), unexpected: true })],
    ])('answers 400 VALIDATION_FAILED naming %s for %s', async (field, _, body) => {
      const response = await session.stack.api.post(
        '/api/v1/administrators',
        body(),
        session.token,
      );
      expectFieldNamed(response, field);
    });

    it('answers 422 PASSWORD_POLICY for a weak password, one entry per rule broken, and creates nothing', async () => {
      const email = uniqueEmail('weak');
      const response = await session.stack.api.post(
        '/api/v1/administrators',
        { name: 'Weak', email, password: 'abc', role: 'admin', groupIds: [] },
        session.token,
      );

      expectProblem(response, 422, 'PASSWORD_POLICY');
      const codes = (response.body.errors as any[]).map((e) => e.code as string);
      expect(codes).toEqual(
        expect.arrayContaining(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CHARACTER_TYPES']),
      );
      expect(new Set(codes).size).toBe(codes.length);
      expect(response.body.errors.every((e: any) => e.field === 'password')).toBe(true);

      // Nothing was created: the email is still free.
      expect((await listAll(session.token)).map((item) => item.email)).not.toContain(email);
      const again = await session.stack.api.post(
        '/api/v1/administrators',
        { name: 'Weak', email, password: GOOD_PASSWORD, role: 'admin', groupIds: [] },
        session.token,
      );
      expect(again.status).toBe(201);
    });
  });
});
