import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import {
  accepted,
  API,
  collisionGroups,
  Findings,
  HOSTILE,
  inLanes,
  invalid,
  ok,
  problem,
} from '../support/hostile-answers';
import { HostileRest } from '../support/hostile-rest';
import type { Stack } from '../support/stack';

/**
 * Hostile input through the REST API (issue 6): the Idempotency-Key header of the creates, for
 * every hostile string (test/support/hostile-rest.ts says what each answer must be).
 */
describe('Hostile strings through the Idempotency-Key header of the REST API', () => {
  const hostile = HostileRest.use('hostilerestkey', 'idempotency');
  const { call, figures, accountsWithEmail } = hostile;
  let stack: Stack, token: string, home: { id: string };
  beforeAll(() => ({ stack, token, home } = hostile));

  /**
   * Sends a request whose Idempotency-Key fetch refuses to send (control characters): over
   * a socket, as the raw bytes.
   */
  function rawPost(
    url: string,
    key: Buffer,
    body: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(stack.env.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
      });
      const head = [
        `POST ${url} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
      ].join('\r\n');
      socket.end(
        Buffer.concat([
          Buffer.from(`${head}\r\nIdempotency-Key: `),
          key,
          Buffer.from(`\r\n\r\n${body}`),
        ]),
      );
    });
  }

  // eslint-disable-next-line no-control-regex
  const CONTROL_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;
  /** The key fetch sends for a string: its UTF-8 as header bytes, without surrounding blanks. */
  const headerValue = (value: string) =>
    Buffer.from(value, 'utf8')
      .toString('latin1')
      .replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const IDEMPOTENCY_KEY = /^[A-Za-z0-9:._-]{1,200}$/;
  /**
   * Keys taken by a request already: a key answers only the request it was first sent with
   * (spec section 3), whatever became of what that request made. The technicians the first
   * test makes are deleted at once, and their keys are still taken for the second test.
   */
  const usedKeys = new Set<string>();

  describe('the Idempotency-Key header', () => {
    it.each([
      ['POST /groups/:id/technicians', 'technician'],
      ['POST /administrators', 'administrator'],
    ])(
      '%s takes a valid hostile key once (later requests with it: 422), refuses the others naming the header, creating nothing',
      async (_, kind) => {
        const findings = new Findings();
        // Equal keys go one after another: the first takes it, the others find it taken.
        const items = collisionGroups(HOSTILE, (value) =>
          CONTROL_BUT_TAB.test(value) || !IDEMPOTENCY_KEY.test(headerValue(value))
            ? undefined
            : headerValue(value),
        );
        await inLanes(items, async (group) => {
          for (const { value, label } of group) {
            const email = uniqueEmail('keyed');
            const url =
              kind === 'technician'
                ? `${API}/groups/${home.id}/technicians`
                : `${API}/administrators`;
            const body =
              kind === 'technician'
                ? { name: 'Keyed Technician', email, password: GOOD_PASSWORD }
                : {
                    name: 'Keyed Administrator',
                    email,
                    password: GOOD_PASSWORD,
                    role: 'admin',
                    groupIds: [],
                  };
            let status: number;
            if (CONTROL_BUT_TAB.test(value)) {
              // Not a header value at all (RFC 9110: visible characters, space and tab):
              // Node's HTTP parser refuses the request before the gateway sees it.
              const raw = await rawPost(
                url,
                Buffer.from(value, 'utf8'),
                JSON.stringify(body),
              ).catch((err: Error) => {
                findings.add(label, `no answer (${err.message})`);
                return undefined;
              });
              if (!raw) continue;
              figures.count(raw.status);
              status = raw.status;
              if (raw.text !== 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
                findings.add(label, `answered ${JSON.stringify(raw.text.slice(0, 200))}`);
            } else {
              const key = headerValue(value);
              const expected = !IDEMPOTENCY_KEY.test(key)
                ? invalid({ 'Idempotency-Key': ['INVALID'] })
                : usedKeys.has(key)
                  ? problem(422, 'IDEMPOTENCY_KEY_REUSED', ['Idempotency-Key'])
                  : accepted(201);
              if (IDEMPOTENCY_KEY.test(key)) usedKeys.add(key);
              const response = await call(findings, label, 'POST', url, {
                body,
                headers: { 'idempotency-key': Buffer.from(value, 'utf8').toString('latin1') },
                expected,
              });
              if (!response) continue;
              status = response.status;
              if (ok(response) && kind === 'technician')
                await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
                  expected: accepted(204),
                });
            }
            if (status >= 400 && (await accountsWithEmail(email)) !== 0)
              findings.add(label, `refused with ${status} but the account exists`);
          }
        });
        findings.expectNone();
      },
    );
  });

  describe('an Idempotency-Key after what it made was deleted', () => {
    it('answers a repeat with the first outcome, never making the technician again', async () => {
      const key = `kept-${randomUUID()}`;
      const body = {
        name: 'Deleted, then repeated',
        email: uniqueEmail('kept'),
        password: GOOD_PASSWORD,
      };
      const send = () =>
        stack.api.request('POST', `${API}/groups/${home.id}/technicians`, {
          token,
          body,
          headers: { 'idempotency-key': key },
        });
      const first = await send();
      expect(first.status).toBe(201);
      const deleted = await stack.api.request('DELETE', `${API}/technicians/${first.body.id}`, {
        token,
      });
      expect(deleted.status).toBe(204);

      // A client retrying after a timeout must not bring a deleted technician back.
      const repeat = await send();

      expect({ status: repeat.status, id: repeat.body.id }).toEqual({
        status: 201,
        id: first.body.id,
      });
      expect(await accountsWithEmail(body.email)).toBe(0);
    });
  });

  describe('the stack afterwards', () => {
    it('is healthy, with every service process still running and every account whole', async () => {
      await hostile.expectWhole();
    });

    it('counted no 5xx answer and no request left without an answer', () => {
      hostile.expectEveryAnswer();
    });
  });
});
