import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { pinoOptions } from './logger.module';
import { REDACTED } from './censor-secrets';

describe('the log formatter of pinoOptions', () => {
  const format = pinoOptions({ service: 'test', level: 'info' }).formatters!.log!;

  it('censors secrets at any depth', () => {
    expect(format({ user: { password: 'hunter2', name: 'a' }, token: 't' })).toEqual({
      user: { password: REDACTED, name: 'a' },
      token: REDACTED,
    });
  });

  it("hands pino-http's raw request and response to the serializers as they are", () => {
    const req = new IncomingMessage(new Socket());
    const res = new ServerResponse(req);
    const formatted = format({ req, res, responseTime: 3, secret: 's' });
    expect(formatted.req).toBe(req);
    expect(formatted.res).toBe(res);
    expect(formatted).toMatchObject({ responseTime: 3, secret: REDACTED });
  });

  it('censors a plain object under req or res like any other', () => {
    expect(format({ req: { headers: { authorization: 'Bearer x' } } })).toEqual({
      req: { headers: { authorization: REDACTED } },
    });
  });
});
