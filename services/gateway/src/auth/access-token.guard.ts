import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCodes, Role } from '@app/contracts';
import { normalizeAddress } from '../http/client-address';
import { ProblemException } from '../problem/problem.exception';
import { AccessTokenVerifier } from './access-token.verifier';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import type { AuthenticatedRequest } from './request-actor';

/**
 * Every route needs a valid token unless marked @Public(). Then the role (@AllowRoles) and
 * the must-change-password rule. Scope over groups and organizations is decided by the
 * org service's one scope policy, not here.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = {
      ...(await this.verifier.verify(request.headers.authorization)),
      clientAddress: normalizeAddress(request.ip),
    };
    request.actor = actor;

    if (
      actor.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw new ProblemException(
        ErrorCodes.PASSWORD_CHANGE_REQUIRED,
        'change your password with POST /api/v1/auth/change-password first',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new ProblemException(ErrorCodes.FORBIDDEN, 'your role does not allow this');
    }
    return true;
  }
}
