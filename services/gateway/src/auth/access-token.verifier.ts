import { Injectable } from '@nestjs/common';
import { ErrorCodes } from '@app/contracts';
import { AccessTokenVerifier as TokenVerifier, InvalidAccessToken } from '@app/platform';
import { GatewaySettings } from '../config/env';
import { ProblemException } from '../problem/problem.exception';
import type { RequestActor } from './request-actor';

export { ACCESS_TOKEN_PATTERN } from '@app/platform';

/** Verifies a request's bearer token (see @app/platform `access-token.ts`); 401 otherwise. */
@Injectable()
export class AccessTokenVerifier {
  private readonly tokens: TokenVerifier;

  constructor(settings: GatewaySettings) {
    this.tokens = new TokenVerifier(settings.JWT_SECRET);
  }

  async verify(authorization: string | undefined): Promise<RequestActor> {
    try {
      return await this.tokens.verifyBearer(authorization);
    } catch (err) {
      if (err instanceof InvalidAccessToken)
        throw new ProblemException(ErrorCodes.UNAUTHENTICATED, err.message);
      throw err;
    }
  }
}
