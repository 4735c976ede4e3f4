import { generateKeyPairSync, KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the next ID token differs from a valid one: one property each, so one check stops it. */
export type IdTokenTamper =
  | 'none'
  /** Signed by another key than the JWKS one, under the JWKS key's id. */
  | 'forged'
  /** `alg: none`, no signature (and the discovery document says it supports `none`). */
  | 'alg-none'
  | 'other-audience'
  | 'other-issuer'
  | 'wrong-nonce'
  /** `exp` 90 s past: beyond the 60 s of tolerance. */
  | 'expired'
  /** `iat` an hour ahead. */
  | 'iat-future';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

interface Authorization {
  clientId: string;
  nonce?: string;
}

/**
 * A hostile OpenID Provider, in the test's own process (plain node:http; JWTs signed with
 * node:crypto, as jose is ES modules only and Jest cannot load it): discovery, JWKS, an authorize
 * endpoint that sends the browser straight back with a code and the state, and a token endpoint
 * that answers the ID token the test chose. Test-only.
 */
export class RogueOp {
  /** What the next token answered differs by. */
  tamper: IdTokenTamper = 'none';
  /** Whom it signs in. */
  subject = 'rogue-user';
  /** How many times the JWKS was read. */
  jwksReads = 0;
  private key = newKey();
  private readonly codes = new Map<string, Authorization>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<RogueOp> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const op = new RogueOp(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      op.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(error.message);
      });
    });
    return op;
  }

  /** The provider rotates its signing key: the JWKS has the new key only, under a new id. */
  rotateKey(): string {
    this.key = newKey();
    return this.key.kid;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(res, 200, this.discovery());
      case '/jwks':
        this.jwksReads += 1;
        return json(res, 200, { keys: [this.key.publicJwk] });
      case '/authorize':
        return this.authorize(url, res);
      case '/token':
        return this.token(new URLSearchParams(await body(req)), res);
      default:
        return json(res, 404, { error: 'not_found' });
    }
  }

  private discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      // A hostile provider says it signs with `none` too: only the signature check stops it.
      id_token_signing_alg_values_supported: ['RS256', 'none'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  private authorize(url: URL, res: ServerResponse): void {
    const back = new URL(url.searchParams.get('redirect_uri') ?? '');
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, {
      clientId: url.searchParams.get('client_id') ?? '',
      nonce: url.searchParams.get('nonce') ?? undefined,
    });
    back.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.href }).end();
  }

  private token(form: URLSearchParams, res: ServerResponse): void {
    const authorization = this.codes.get(form.get('code') ?? '');
    if (!authorization) return json(res, 400, { error: 'invalid_grant' });
    this.codes.delete(form.get('code')!);
    json(res, 200, {
      access_token: randomBytes(16).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: this.idToken(authorization),
    });
  }

  private idToken(authorization: Authorization): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.tamper === 'other-issuer' ? 'http://127.0.0.1:1/another-issuer' : this.issuer,
      sub: this.subject,
      aud: this.tamper === 'other-audience' ? 'another-client' : authorization.clientId,
      nonce: this.tamper === 'wrong-nonce' ? 'not-the-nonce-sent' : authorization.nonce,
      iat: this.tamper === 'iat-future' ? now + 3600 : this.tamper === 'expired' ? now - 390 : now,
      exp: this.tamper === 'expired' ? now - 90 : now + 300,
      email: `${this.subject}@rogue.example`,
    };
    if (this.tamper === 'alg-none') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const key = this.tamper === 'forged' ? { ...newKey(), kid: this.key.kid } : this.key;
    const signingInput = `${b64({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${b64(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), key.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return {
    kid,
    privateKey,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
