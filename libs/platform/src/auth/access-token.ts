import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_MAX_LENGTH, ALL_ROLES, Role } from '@app/contracts';

/** Who signs access tokens (identity) and for what (this product): checked on every token. */
export const TOKEN_ISSUER = 'rac-identity';
export const TOKEN_AUDIENCE = 'rac-api';

/** A compact JWS: three base64url parts (the signature may be empty, and is then refused). */
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a verified access token says: whose it is, and when it was issued. */
export interface VerifiedAccessToken {
  accountId: string;
  organizationId: string;
  role: Role;
  /** Seconds since the epoch, with milliseconds. */
  issuedAt: number;
  /** When it expires (its `exp`), seconds since the epoch. */
  expiresAt: number;
  /** Its session (`sid`), which sign-out ends; absent in tokens issued before they had one. */
  sessionId?: string;
  mustChangePassword: boolean;
}

export class InvalidAccessToken extends Error {}

/**
 * Verifies access tokens where they are presented (the gateway, and every service for
 * messages of other teams' services): HS256 only (so `alg: none` and key-confusion tricks
 * fail), signature, expiry, issuer and audience, then the shape of every claim.
 */
export class AccessTokenVerifier {
  private readonly jwt = new JwtService({});
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries (and
   * fails) to read it as a public key on every verification, about 1 ms each.
   */
  private readonly secret: KeyObject;

  constructor(secret: string) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** The token of an `Authorization: Bearer <token>` value; InvalidAccessToken otherwise. */
  async verifyBearer(authorization: unknown): Promise<VerifiedAccessToken> {
    const token =
      typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
    if (!token) throw new InvalidAccessToken('a bearer token is required');
    return this.verify(token);
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    if (token.length > ACCESS_TOKEN_MAX_LENGTH || !ACCESS_TOKEN_PATTERN.test(token)) {
      throw new InvalidAccessToken('a bearer token is required');
    }
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync(token, {
        // @nestjs/jwt passes the key on to jsonwebtoken, which accepts a KeyObject.
        secret: this.secret as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
    } catch {
      throw new InvalidAccessToken('the token is invalid or expired');
    }
    const { sub, org, role, mcp, iat, exp, sid } = claims;
    if (
      typeof sub !== 'string' ||
      !UUID.test(sub) ||
      typeof org !== 'string' ||
      !UUID.test(org) ||
      !ALL_ROLES.includes(role as Role) ||
      typeof mcp !== 'boolean' ||
      typeof iat !== 'number' ||
      // A token without `exp` would never expire; jsonwebtoken checks it only when present.
      typeof exp !== 'number' ||
      (sid !== undefined && (typeof sid !== 'string' || !UUID.test(sid)))
    ) {
      throw new InvalidAccessToken('the token is invalid or expired');
    }
    return {
      accountId: sub,
      organizationId: org,
      role: role as Role,
      issuedAt: iat,
      expiresAt: exp,
      ...(sid === undefined ? {} : { sessionId: sid }),
      mustChangePassword: mcp,
    };
  }
}
