import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@app/contracts';
import type { AuthenticatedRequest, RequestActor } from './request-actor';

export const PUBLIC_ROUTE = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'auth:before-password-change';

/** Reachable without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles; others get 403 FORBIDDEN. */
export const AllowRoles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_ROLES, roles);

/** Reachable with a token whose owner must change their password first. */
export const AllowedBeforePasswordChange = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

/** The verified caller, set by AccessTokenGuard. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestActor =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);
