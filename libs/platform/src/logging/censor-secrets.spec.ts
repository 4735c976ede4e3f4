import { censorSecrets, REDACTED } from './censor-secrets';

describe('censorSecrets', () => {
  it('redacts the password of a URL in any text, as a client error carries it', () => {
    const input = {
      err: { err: { code: 'ECONNREFUSED' }, url: 'amqp://guest:s3cret@127.0.0.1:5999' },
      list: ['see postgres://app:p%40ss@db:5432/rac_org and redis://:pw@cache:6379'],
      plain: 'http://localhost:3000/docs',
      user: 'amqp://guest@127.0.0.1:5672',
    };
    expect(censorSecrets(input)).toEqual({
      err: { err: { code: 'ECONNREFUSED' }, url: `amqp://guest:${REDACTED}@127.0.0.1:5999` },
      list: [`see postgres://app:${REDACTED}@db:5432/rac_org and redis://:${REDACTED}@cache:6379`],
      plain: 'http://localhost:3000/docs',
      user: 'amqp://guest@127.0.0.1:5672',
    });
  });

  it('redacts secret-looking fields at any depth, in arrays too', () => {
    const input = {
      msg: 'x',
      password: 'p1',
      body: {
        newPassword: 'p2',
        currentPassword: 'p3',
        nested: { sealedPassword: 'hpke...' },
      },
      headers: { authorization: 'Bearer abc', cookie: 'sid=1' },
      rows: [{ Password: 'p4' }, { accessToken: 't' }],
      jwtSecret: 's',
    };

    expect(censorSecrets(input)).toEqual({
      msg: 'x',
      password: REDACTED,
      body: {
        newPassword: REDACTED,
        currentPassword: REDACTED,
        nested: { sealedPassword: REDACTED },
      },
      headers: { authorization: REDACTED, cookie: REDACTED },
      rows: [{ Password: REDACTED }, { accessToken: REDACTED }],
      jwtSecret: REDACTED,
    });
  });

  it('keeps flags and harmless fields whose names merely look alike', () => {
    const input = {
      mustChangePassword: true,
      tokenType: 'Bearer',
      expiresIn: 900,
      passwordExpired: false,
    };
    expect(censorSecrets(input)).toEqual(input);
  });

  it('does not touch the original object', () => {
    const input = { password: 'p' };
    censorSecrets(input);
    expect(input.password).toBe('p');
  });
});
