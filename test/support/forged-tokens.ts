import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { SecuritySuite } from './security-suite';
import {
  AUDIENCE,
  base64url,
  Claims,
  decode,
  handMade,
  ISSUER,
  masterClaims,
  NOW,
  signToken,
} from './tokens';

/**
 * Forged, tampered, expired and misshapen bearer tokens (test/e2e/security-tokens.e2e-spec.ts):
 * each differs from a valid token in one thing only.
 */

/** A token and the Authorization header it is sent in. */
export interface ForgedToken {
  name: string;
  authorization: () => string;
}

/** The forgeries, each made when it is sent (from the suite's tokens and account then). */
export function forgedTokens(suite: SecuritySuite): ForgedToken[] {
  const bearer = (make: () => string) => () => `Bearer ${make()}`;
  /** The claims of a token identity would issue (for the hand-made ones). */
  const signedClaims = (): Claims => ({
    ...masterClaims(suite),
    iss: ISSUER,
    aud: AUDIENCE,
    iat: NOW(),
    exp: NOW() + 600,
  });

  return [
    {
      name: 'alg none, valid claims, empty signature',
      authorization: bearer(() => handMade({ alg: 'none', typ: 'JWT' }, signedClaims())),
    },
    {
      name: 'alg none, valid claims, the signature of a real token kept',
      authorization: bearer(
        () =>
          handMade({ alg: 'none', typ: 'JWT' }, decode(suite.masterToken).claims) +
          decode(suite.masterToken).signature,
      ),
    },
    {
      name: 'alg "None" (other case), empty signature',
      authorization: bearer(() => handMade({ alg: 'None', typ: 'JWT' }, signedClaims())),
    },
    {
      name: 'alg "NONE", no signature part at all',
      authorization: bearer(() =>
        handMade({ alg: 'NONE', typ: 'JWT' }, signedClaims()).replace(/\.$/, ''),
      ),
    },
    {
      name: "a technician's real token with role changed to master_admin, signature kept",
      authorization: bearer(() => {
        const { claims, signature } = decode(suite.technicianToken);
        const [header] = suite.technicianToken.split('.');
        return `${header}.${base64url({ ...claims, role: 'master_admin' })}.${signature}`;
      }),
    },
    {
      name: "the Master Administrator's real token with one signature character changed",
      authorization: bearer(() => {
        const [header, claims, signature] = suite.masterToken.split('.');
        // The first character carries 6 bits of the signature (the last may be padding only).
        const changed = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
        return `${header}.${claims}.${changed}`;
      }),
    },
    {
      name: "the Master Administrator's real token with its signature cut short",
      authorization: bearer(() => suite.masterToken.slice(0, -4)),
    },
    {
      name: 'expired an hour ago (right secret, issuer and audience)',
      authorization: bearer(() =>
        jwt.sign(
          { ...masterClaims(suite), iat: NOW() - 7200, exp: NOW() - 3600 },
          suite.stack.env.vars.JWT_SECRET,
          { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
        ),
      ),
    },
    {
      name: 'expired a few seconds ago',
      authorization: bearer(() =>
        jwt.sign(
          { ...masterClaims(suite), iat: NOW() - 905, exp: NOW() - 5 },
          suite.stack.env.vars.JWT_SECRET,
          { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
        ),
      ),
    },
    {
      name: 'not valid before an hour from now (nbf)',
      authorization: bearer(() => signToken(suite, masterClaims(suite), { notBefore: 3600 })),
    },
    {
      name: 'signed with another secret',
      authorization: bearer(() =>
        signToken(suite, masterClaims(suite), {}, randomBytes(32).toString('base64url')),
      ),
    },
    {
      name: 'signed with an empty-looking secret ("secret")',
      authorization: bearer(() => signToken(suite, masterClaims(suite), {}, 'secret')),
    },
    {
      name: 'the right secret, the wrong issuer',
      authorization: bearer(() =>
        signToken(suite, masterClaims(suite), { issuer: 'someone-else' }),
      ),
    },
    {
      name: 'the right secret, no issuer',
      authorization: bearer(() =>
        jwt.sign(masterClaims(suite), suite.stack.env.vars.JWT_SECRET, {
          algorithm: 'HS256',
          audience: AUDIENCE,
          expiresIn: 600,
        }),
      ),
    },
    {
      name: 'the right secret, the wrong audience',
      authorization: bearer(() =>
        signToken(suite, masterClaims(suite), { audience: 'another-api' }),
      ),
    },
    {
      name: 'the right secret, no audience',
      authorization: bearer(() =>
        jwt.sign(masterClaims(suite), suite.stack.env.vars.JWT_SECRET, {
          algorithm: 'HS256',
          issuer: ISSUER,
          expiresIn: 600,
        }),
      ),
    },
    {
      name: 'HS512 with the right secret',
      authorization: bearer(() => signToken(suite, masterClaims(suite), { algorithm: 'HS512' })),
    },
    {
      name: 'HS384 with the right secret',
      authorization: bearer(() => signToken(suite, masterClaims(suite), { algorithm: 'HS384' })),
    },
    {
      name: 'RS256 signed with a key pair of its own',
      authorization: bearer(() => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        return jwt.sign(masterClaims(suite), privateKey, {
          algorithm: 'RS256',
          issuer: ISSUER,
          audience: AUDIENCE,
          expiresIn: 600,
        });
      }),
    },
    {
      name: 'labelled RS256 but HMAC-signed with the right secret (key confusion)',
      authorization: bearer(() =>
        handMade({ alg: 'RS256', typ: 'JWT' }, signedClaims(), {
          hash: 'sha256',
          key: suite.stack.env.vars.JWT_SECRET,
        }),
      ),
    },
    {
      name: 'a sub that is not a UUID',
      authorization: bearer(() => signToken(suite, { ...masterClaims(suite), sub: 'admin' })),
    },
    {
      name: 'no sub',
      authorization: bearer(() =>
        signToken(suite, { org: suite.me.organizationId, role: 'master_admin', mcp: false }),
      ),
    },
    {
      name: 'an org that is not a UUID',
      authorization: bearer(() => signToken(suite, { ...masterClaims(suite), org: '1 OR 1=1' })),
    },
    {
      name: 'a role that does not exist (superuser)',
      authorization: bearer(() => signToken(suite, { ...masterClaims(suite), role: 'superuser' })),
    },
    {
      name: 'a role written differently (MASTER_ADMIN)',
      authorization: bearer(() =>
        signToken(suite, { ...masterClaims(suite), role: 'MASTER_ADMIN' }),
      ),
    },
    {
      name: 'no role',
      authorization: bearer(() =>
        signToken(suite, { sub: suite.me.id, org: suite.me.organizationId, mcp: false }),
      ),
    },
    {
      name: 'mcp that is not a boolean ("false")',
      authorization: bearer(() => signToken(suite, { ...masterClaims(suite), mcp: 'false' })),
    },
    {
      name: 'the sub of an account that does not exist (right secret)',
      authorization: bearer(() => signToken(suite, { ...masterClaims(suite), sub: randomUUID() })),
    },
    {
      name: 'the right account in an organization that does not exist (right secret)',
      authorization: bearer(() => signToken(suite, { ...masterClaims(suite), org: randomUUID() })),
    },
    {
      name: 'a real token without "Bearer"',
      authorization: () => suite.masterToken,
    },
    {
      name: 'a real token after "Token"',
      authorization: () => `Token ${suite.masterToken}`,
    },
    {
      name: 'Basic with the email and password of the Master Administrator',
      authorization: () =>
        `Basic ${Buffer.from(`${suite.stack.adminEmail}:${suite.bootstrapPassword}`).toString('base64')}`,
    },
    {
      name: 'two real tokens in one Bearer header',
      authorization: () => `Bearer ${suite.masterToken} ${suite.masterToken}`,
    },
    {
      name: 'two Bearer credentials joined by a comma (two headers merged)',
      authorization: () => `Bearer ${suite.masterToken}, Bearer ${suite.technicianToken}`,
    },
    {
      name: '"Bearer" alone',
      authorization: () => 'Bearer',
    },
    {
      name: 'an empty Bearer token',
      authorization: () => 'Bearer ',
    },
    {
      name: 'a real token with a fourth segment',
      authorization: bearer(() => `${suite.masterToken}.${decode(suite.masterToken).signature}`),
    },
    {
      name: 'a real token with padding added to its parts',
      authorization: bearer(() => suite.masterToken.split('.').join('==.')),
    },
  ];
}
