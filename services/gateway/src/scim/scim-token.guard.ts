import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import {
  Actor,
  ErrorCodes,
  OrgPatterns,
  Roles,
  ScimTokenIdentity,
  VerifyScimTokenQuery,
} from '@app/contracts';
import { InjectRpcClient, RpcCallError, RpcClient } from '@app/platform';
import { normalizeAddress } from '../http/client-address';
import { ProblemException } from '../problem/problem.exception';
import { bearerScimToken, scimTokenSha256 } from './scim-token-secret';

/** The token's identity, and the directory's address (the audit log's "from where"). */
export type ScimCaller = ScimTokenIdentity & { clientAddress?: string };

export interface ScimRequest extends Request {
  scim: ScimCaller;
}

/**
 * The SCIM API's door: a bearer SCIM token that org knows and has not revoked. Org is asked
 * on every request (no cache), so a revoked token is refused at once by every gateway.
 */
@Injectable()
export class ScimTokenGuard implements CanActivate {
  constructor(@InjectRpcClient('org') private readonly org: RpcClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const token = bearerScimToken(request.headers.authorization);
    if (!token) throw unauthenticated('send a SCIM token: Authorization: Bearer rac_scim_…');
    try {
      const identity = await this.org.send<ScimTokenIdentity>(OrgPatterns.scimTokenVerify, {
        tokenSha256: scimTokenSha256(token),
      } satisfies VerifyScimTokenQuery);
      request.scim = { ...identity, clientAddress: normalizeAddress(request.ip) };
    } catch (err) {
      if (err instanceof RpcCallError && err.code === ErrorCodes.UNAUTHENTICATED)
        throw unauthenticated('this SCIM token is unknown or revoked');
      throw err;
    }
    return true;
  }
}

/** The actor of a SCIM request: the token, which org's scope policy confines to its subtree. */
export function scimActor(scim: ScimCaller): Actor {
  return {
    accountId: scim.tokenId,
    organizationId: scim.organizationId,
    role: Roles.ADMIN,
    scimTokenId: scim.tokenId,
    origin: { channel: 'scim', ...(scim.clientAddress ? { address: scim.clientAddress } : {}) },
  };
}

function unauthenticated(detail: string) {
  return new ProblemException(ErrorCodes.UNAUTHENTICATED, detail);
}
