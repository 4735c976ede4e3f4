#!/usr/bin/env node
/*
 * A real OpenID Provider for the tests (oidc-provider, certified), in a process of its own: it
 * listens on 127.0.0.1 (port 0), signs with an RS256 key made at start, and prints
 * {"issuer": "..."} on one line when ready. Its clients come as JSON, in argv[2] or OIDC_OP_CONFIG:
 * {"clients": [{"client_id", "client_secret", "redirect_uris"}]}. Anyone signs in by typing a
 * username (no password, no consent screen): `sub` is what was typed; `email` is it too when it
 * holds an @, else `<it>@idp.example`; `preferred_username` is it.
 * Test-only: never part of the product.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2] ?? process.env.OIDC_OP_CONFIG ?? '{"clients":[]}');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'RS256',
  use: 'sig',
};

const claimsOf = (sub) => ({
  sub,
  email: sub.includes('@') ? sub : `${sub}@idp.example`,
  email_verified: true,
  preferred_username: sub,
});

const provider = new Provider(issuer, {
  clients: settings.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['preferred_username'],
  },
  // The claims of the granted scopes go into the ID token too (as Entra ID and Okta do).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => claimsOf(sub) }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // No consent screen: every scope and claim asked is granted.
  loadExistingGrant: async (ctx) => {
    const { Grant } = ctx.oidc.provider;
    const known =
      ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (known) return Grant.find(known);
    const grant = new Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(
      ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid',
    );
    grant.addOIDCClaims(['sub', 'email', 'email_verified', 'preferred_username']);
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, error) =>
  process.stderr.write(`server_error: ${error.stack}\n`),
);

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, clientId) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider: sign in</title></head>
<body><main><h1>Sign in to the test identity provider</h1><p>For ${escapeHtml(clientId)}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="username">Username</label> <input id="username" name="username" type="text" autocomplete="username" required autofocus>
<button type="submit">Sign in</button>
</form></main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(loginPage(details.uid, details.params.client_id));
    return;
  }
  const username = (await readForm(req)).get('username')?.trim();
  if (!username) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('a username is required');
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: username } },
    { mergeWithLastSubmission: false },
  );
}

const handle = provider.callback();
server.on('request', (req, res) => {
  if (!req.url.startsWith('/interaction/')) return handle(req, res);
  interaction(req, res).catch((error) => {
    process.stderr.write(`interaction: ${error.stack}\n`);
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(String(error.message));
  });
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
