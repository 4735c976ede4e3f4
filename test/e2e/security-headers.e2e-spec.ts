import { randomUUID } from 'node:crypto';
import { createGroup, uniqueEmail } from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { API, SecuritySuite } from '../support/security-suite';
import type { Stack } from '../support/stack';

/** The sources of one directive of a Content-Security-Policy. */
function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found ? found.slice(1) : [];
}

/**
 * Security checks of issue 6 (spec §2 and §3): the security headers on every kind of answer
 * (JSON, problems, CSV, the docs, the web app); no password of the suite is left in the
 * databases or logs (test/support/security-suite.ts).
 */
describe('Security checks', () => {
  const security = SecuritySuite.use('securityheaders', 'headers');
  const { figures, secret, masterGet } = security;
  let stack: Stack, masterToken: string, group: any, technicianToken: string;
  beforeAll(() => ({ stack, masterToken, group, technicianToken } = security));

  describe('security headers on every kind of answer', () => {
    interface Answer {
      kind: string;
      send: () => Promise<{ status: number; headers: Headers }>;
      status: number;
      /** The Swagger UI has its own, looser, Content-Security-Policy. */
      docs?: boolean;
      /** So has the web app: its own scripts and styles. */
      web?: boolean;
    }
    const raw = async (route: string, init: RequestInit = {}) => {
      const response = await fetch(`${stack.api.baseUrl}${route}`, init);
      await response.arrayBuffer();
      return { status: response.status, headers: response.headers };
    };

    let reportPath: string;

    beforeAll(async () => {
      const csv = csvImportFile([
        technicianRow(group.id, { email: uniqueEmail('headers'), password: secret('headers-row') }),
      ]);
      const accepted = await uploadImport(stack, masterToken, csv);
      expect(accepted.status).toBe(202);
      await waitForImport(stack, masterToken, accepted.body.id);
      reportPath = `${API}/imports/${accepted.body.id}/report.csv`;
    });

    const answers: Answer[] = [
      { kind: '200 JSON (GET /me)', send: () => masterGet('/me'), status: 200 },
      {
        kind: '200 JSON without a token (GET /health)',
        send: () => raw(`${API}/health`),
        status: 200,
      },
      {
        kind: '201 (POST /groups)',
        send: () =>
          stack.api.post(`${API}/groups`, { name: `Headers ${randomUUID()}` }, masterToken),
        status: 201,
      },
      {
        kind: '204 (DELETE /groups/:id)',
        send: async () => {
          const doomed = await createGroup(stack.api, masterToken);
          return stack.api.request('DELETE', `${API}/groups/${doomed.id}`, { token: masterToken });
        },
        status: 204,
      },
      {
        kind: '202 (POST /imports, dry run)',
        send: () =>
          uploadImport(
            stack,
            masterToken,
            csvImportFile([
              technicianRow(group.id, {
                email: uniqueEmail('headers'),
                password: secret('headers-dry'),
              }),
            ]),
            { dryRun: true },
          ),
        status: 202,
      },
      { kind: '401 problem+json (no token)', send: () => raw(`${API}/me`), status: 401 },
      {
        kind: '400 problem+json (invalid body)',
        send: () => stack.api.post(`${API}/groups`, { name: 42 }, masterToken),
        status: 400,
      },
      {
        kind: '400 problem+json (malformed JSON)',
        send: () =>
          raw(`${API}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"email":',
          }),
        status: 400,
      },
      {
        kind: '403 problem+json (a technician on an admin endpoint)',
        send: () => stack.api.get(`${API}/groups`, technicianToken),
        status: 403,
      },
      {
        kind: '404 problem+json (an unknown group)',
        send: () => masterGet(`/groups/${randomUUID()}`),
        status: 404,
      },
      { kind: '404 route (under /api/v1)', send: () => raw(`${API}/no-such-route`), status: 404 },
      {
        kind: '404 route (POST outside /api/v1)',
        send: () => raw('/no-such-route', { method: 'POST' }),
        status: 404,
      },
      {
        kind: 'the web app (a page outside /api/v1)',
        send: () => raw('/no-such-route'),
        status: 200,
        web: true,
      },
      { kind: 'the web app (an asset)', send: () => raw('/favicon.svg'), status: 200, web: true },
      {
        kind: '401 problem+json (wrong password)',
        send: () =>
          stack.api.post(`${API}/auth/login`, {
            email: stack.adminEmail,
            password: secret('headers-wrong'),
          }),
        status: 401,
      },
      {
        kind: 'text/csv (GET /imports/:id/report.csv)',
        send: () => stack.api.get(reportPath, masterToken),
        status: 200,
      },
      {
        kind: 'text/csv (GET /imports/template.csv)',
        send: () => masterGet('/imports/template.csv'),
        status: 200,
      },
      { kind: 'OpenAPI JSON (/docs-json)', send: () => raw('/docs-json'), status: 200, docs: true },
      { kind: 'Swagger UI HTML (/docs)', send: () => raw('/docs'), status: 200, docs: true },
      { kind: 'Swagger UI HTML (/docs/)', send: () => raw('/docs/'), status: 200, docs: true },
      // Paths that only begin like the docs' are the web app's, under its own policy.
      {
        kind: 'the web app (/docsx/anything)',
        send: () => raw('/docsx/anything'),
        status: 200,
        web: true,
      },
      { kind: 'the web app (/docs-foo)', send: () => raw('/docs-foo'), status: 200, web: true },
    ];

    it.each(answers)('$kind has them all', async ({ send, status, docs, web }) => {
      const { status: got, headers } = await send();
      expect(got).toBe(status);

      const seen = {
        'x-content-type-options': headers.get('x-content-type-options'),
        'content-security-policy': headers.get('content-security-policy'),
        framing:
          headers.get('x-frame-options') ??
          (/frame-ancestors/.test(headers.get('content-security-policy') ?? '')
            ? 'frame-ancestors'
            : null),
        'referrer-policy': headers.get('referrer-policy'),
        'x-powered-by': headers.get('x-powered-by'),
        'strict-transport-security': headers.get('strict-transport-security'),
      };
      figures.headersChecked += Object.keys(seen).length;
      figures.answersChecked += 1;

      expect(seen).toEqual({
        'x-content-type-options': 'nosniff',
        'content-security-policy': expect.stringMatching(/default-src/),
        framing: expect.stringMatching(/^(DENY|SAMEORIGIN|frame-ancestors)$/i),
        'referrer-policy': expect.stringMatching(/no-referrer|same-origin|strict-origin/),
        'x-powered-by': null,
        'strict-transport-security': expect.stringMatching(/max-age=\d{7,}/),
      });
      const policy = seen['content-security-policy'] ?? '';
      if (web) {
        // The web app runs its own scripts only: no inline script, no other origin, no frames.
        expect(policy).toMatch(/script-src 'self'(;|$)/);
        expect(policy).toMatch(/frame-ancestors 'none'/);
        expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'");
      } else if (docs) {
        // The Swagger UI's own, looser, policy: its page runs an inline script.
        expect(directive(policy, 'script-src')).toEqual(["'self'", "'unsafe-inline'"]);
      } else {
        // The API itself serves no scripts, styles or frames.
        expect(seen['content-security-policy']).toMatch(/default-src 'none'/);
        expect(seen['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      }
    });
  });
});
