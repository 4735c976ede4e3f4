import { Stack } from '../support/stack';

describe('Signing in through the gateway (walking skeleton)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start('signin');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('reports every service, Postgres, Redis and RabbitMQ healthy', async () => {
    const response = await stack.api.get('/api/v1/health');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(Object.keys(response.body.checks)).toEqual(
      expect.arrayContaining([
        'identity',
        'org',
        'import',
        'audit',
        'postgres',
        'redis',
        'rabbitmq',
      ]),
    );
    for (const service of ['identity', 'org', 'import', 'audit']) {
      expect(response.body.checks[service]).toMatchObject({ service, status: 'up' });
    }
  });

  it('signs the bootstrap administrator in, and /me says master_admin with an organizationId', async () => {
    const login = await stack.api.post('/api/v1/auth/login', {
      email: stack.adminEmail,
      password: stack.adminPassword,
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      role: 'master_admin',
      mustChangePassword: false,
    });

    const me = await stack.api.get('/api/v1/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'master_admin',
      email: stack.adminEmail,
      organizationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      mustChangePassword: false,
    });
    expect(me.text).not.toContain(stack.adminPassword);
  });

  it('signs in whatever the case of the email', async () => {
    const token = await stack.api.login(stack.adminEmail.toUpperCase(), stack.adminPassword);
    expect(token).toEqual(expect.any(String));
  });

  it.each([
    ['a wrong password', () => ({ email: stack.adminEmail, password: 'Wrong-Password-1' })],
    [
      'an unknown email',
      () => ({ email: 'nobody@nowhere.example.com', password: stack.adminPassword }),
    ],
  ])('answers %s with the same 401 INVALID_CREDENTIALS problem', async (_, body) => {
    const response = await stack.api.post('/api/v1/auth/login', body());

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:rac:problem:INVALID_CREDENTIALS',
      title: 'Invalid credentials',
      status: 401,
      code: 'INVALID_CREDENTIALS',
      detail: 'the email or the password is wrong',
    });
  });

  it.each([
    ['email', { password: 'x' }],
    ['email', { email: 'not-an-email', password: 'x' }],
    ['password', { email: 'a@example.com' }],
    ['password', { email: 'a@example.com', password: 42 }],
    ['extra', { email: 'a@example.com', password: 'x', extra: true }],
  ])('answers a malformed body with 400 VALIDATION_FAILED naming %s', async (field, body) => {
    const response = await stack.api.post('/api/v1/auth/login', body);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });

  it('answers a body that is not JSON with 400 MALFORMED_JSON', async () => {
    const response = await stack.api.request('POST', '/api/v1/auth/login', {
      rawBody: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
  });

  it.each([
    ['no token', undefined],
    ['a token that is not a JWT', 'garbage'],
  ])('answers /me with %s with 401 UNAUTHENTICATED', async (_, token) => {
    const response = await stack.api.get('/api/v1/me', token);

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const response = await stack.api.get('/docs-json');

    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/health']),
    );
    // The creates document their Idempotency-Key and the retry it allows after a 503.
    for (const path of ['/api/v1/groups/{id}/technicians', '/api/v1/administrators']) {
      const create = response.body.paths[path].post;
      expect(create.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
        ]),
      );
      expect(Object.keys(create.responses)).toContain('503');
    }
  });

  it('sets security headers', async () => {
    const response = await stack.api.get('/api/v1/health');

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
