import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_MAX_LENGTH, ALL_ROLES, ErrorCodes, Role } from '@app/contracts';
import { GatewaySettings } from '../config/env';
import { ProblemException } from '../problem/problem.exception';
import type { RequestActor } from './request-actor';

/** Must match identity's TokenIssuer. */
const TOKEN_ISSUER = 'rac-identity';
const TOKEN_AUDIENCE = 'rac-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A compact JWS: three base64url parts (the signature may be empty, and is then refused). */
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies a bearer token: HS256 only (so `alg: none` and key-confusion tricks fail),
 * signature, expiry, issuer and audience, then the shape of every claim.
 */
@Injectable()
export class AccessTokenVerifier {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries (and
   * fails) to read it as a public key on every verification, about 1 ms each.
   */
  private readonly secret: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    settings: GatewaySettings,
  ) {
    this.secret = createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
  }

  async verify(authorization: string | undefined): Promise<RequestActor> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token || token.length > ACCESS_TOKEN_MAX_LENGTH || !ACCESS_TOKEN_PATTERN.test(token)) {
      throw unauthenticated('a bearer token is required');
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
      throw unauthenticated('the token is invalid or expired');
    }
    const { sub, org, role, mcp, iat } = claims;
    if (
      typeof sub !== 'string' ||
      !UUID.test(sub) ||
      typeof org !== 'string' ||
      !UUID.test(org) ||
      !ALL_ROLES.includes(role as Role) ||
      typeof mcp !== 'boolean' ||
      typeof iat !== 'number'
    ) {
      throw unauthenticated('the token is invalid or expired');
    }
    return {
      accountId: sub,
      organizationId: org,
      role: role as Role,
      issuedAt: iat,
      mustChangePassword: mcp,
    };
  }
}

function unauthenticated(detail: string): ProblemException {
  return new ProblemException(ErrorCodes.UNAUTHENTICATED, detail);
}
