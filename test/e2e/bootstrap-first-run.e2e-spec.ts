import { queryDatabase } from '../support/databases';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

describe('Bootstrap of the first organization and its Master Administrator', () => {
  let stack: Stack;

  beforeAll(async () => {
    // No BOOTSTRAP_ADMIN_PASSWORD: one is generated and printed.
    stack = await Stack.start('bootstrap', { BOOTSTRAP_ADMIN_PASSWORD: '' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function printedPassword(): Promise<string> {
    await stack.services.org.waitForLine(/Master Administrator created/);
    const line = await stack.services.org.waitForLine(/^\s+password: /);
    return line.trim().replace(/^password: /, '');
  }

  it('prints a generated password once, which signs in and must be changed', async () => {
    const password = await printedPassword();
    expect(password).toMatch(/^\S{20}$/);

    const login = await stack.api.post('/api/v1/auth/login', { email: stack.adminEmail, password });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ role: 'master_admin', mustChangePassword: true });

    const me = await stack.api.get('/api/v1/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'master_admin', mustChangePassword: true });
  });

  it('keeps the password out of the structured logs', () => {
    const password = stack.services.org.lines
      .find((line) => /^\s+password: /.test(line))!
      .trim()
      .slice(10);
    const jsonLines = Object.values(stack.services)
      .flatMap((service) => service.lines)
      .filter((line) => line.startsWith('{'));
    expect(jsonLines.length).toBeGreaterThan(10);
    expect(jsonLines.filter((line) => line.includes(password))).toEqual([]);
  });

  it('creates neither a second organization nor a second administrator on restart', async () => {
    const org = stack.services.org;
    const from = org.lines.length;
    await org.stop();
    await org.start();
    await org.waitForLine(/"bootstrap: exists"/, { from });

    const organizations = await queryDatabase(
      stack.env.databases.org,
      'SELECT id FROM organizations',
    );
    const masters = await queryDatabase(
      stack.env.databases.org,
      `SELECT id, state FROM accounts WHERE role = 'master_admin'`,
    );
    expect(organizations).toHaveLength(1);
    expect(masters).toEqual([{ id: expect.any(String), state: 'active' }]);
    expect(
      org.lines.slice(from).some((line) => line.includes('Master Administrator created')),
    ).toBe(false);
  });
});

describe('Health before the bootstrap administrator exists', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Identity held back: org cannot give the bootstrap administrator a credential yet.
    stack = await Stack.start('bootstrap-wait', {}, { held: ['identity'] });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('reports org not ready until then, and the administrator signs in at the first try after', async () => {
    const pending = await waitFor(
      async () => {
        const response = await stack.api.get('/api/v1/health');
        return response.body?.checks?.org?.service === 'org' ? response : undefined;
      },
      { what: 'org to answer /health' },
    );
    expect(pending.status).toBe(503);
    expect(pending.body.checks.org).toMatchObject({
      status: 'down',
      dependencies: { database: 'up', bootstrap: 'down' },
    });
    expect(pending.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'org' }),
        expect.objectContaining({ field: 'identity' }),
      ]),
    );

    await stack.services.identity.start();
    await stack.waitHealthy();

    const health = await stack.api.get('/api/v1/health');
    expect(health.body.checks.org.dependencies).toEqual({ database: 'up', bootstrap: 'up' });
    const login = await stack.api.post('/api/v1/auth/login', {
      email: stack.adminEmail,
      password: stack.adminPassword,
    });
    expect(login.status).toBe(200);
  });
});
