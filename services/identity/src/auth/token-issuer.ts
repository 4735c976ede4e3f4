import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { Role } from '@app/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@app/platform';
import { IdentitySettings } from '../config/env';

/** Claims of an access token; the gateway verifies them (same secret, HS256, issuer, audience). */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  role: Role;
  /** Must change password: such a token is good only for /auth/change-password and /me. */
  mcp: boolean;
}

@Injectable()
export class TokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly settings: IdentitySettings,
  ) {}

  get ttlSeconds(): number {
    return this.settings.ACCESS_TOKEN_TTL_SECONDS;
  }

  issue(claims: AccessTokenClaims): Promise<string> {
    // `iat` with milliseconds (a NumericDate may have a fraction, RFC 7519): a token issued
    // in the same second as a password change, but after it, stays good. `sid` names the
    // session that signing out ends (the `sid` of OpenID Connect; one token a session).
    return this.jwt.signAsync(
      { ...claims, sid: randomUUID(), iat: Date.now() / 1000 },
      {
        secret: this.settings.JWT_SECRET,
        algorithm: 'HS256',
        expiresIn: this.settings.ACCESS_TOKEN_TTL_SECONDS,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      },
    );
  }
}
