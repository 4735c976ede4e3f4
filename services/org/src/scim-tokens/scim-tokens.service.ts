import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateScimTokenCommand,
  ErrorCodes,
  ListScimTokensQuery,
  RevokeScimTokenCommand,
  ScimTokenIdentity,
  ScimTokenList,
  ScimTokenView,
  VerifyScimTokenQuery,
} from '@app/contracts';
import { rpcError } from '@app/platform';
import { ScopePolicy } from '../scope/scope-policy';
import { ScimTokensStore, toScimTokenView } from './scim-tokens.store';

/**
 * SCIM tokens: made, listed and revoked by the Master Administrators of their organization,
 * and verified by the gateway on every SCIM request. What a token may reach is the scope
 * policy's (ScopePolicy, `scimTokenId`): its group's subtree.
 */
@Injectable()
export class ScimTokensService {
  constructor(
    private readonly store: ScimTokensStore,
    private readonly scope: ScopePolicy,
  ) {}

  /** Idempotent by the secret's sha-256: a redelivery answers the token its first delivery made. */
  async create(command: CreateScimTokenCommand): Promise<ScimTokenView> {
    const context = await this.scope.masterAdministrator(command.actor);
    await this.scope.group(context, command.groupId);
    const token = await this.store.insert({
      id: randomUUID(),
      organizationId: context.organizationId,
      name: command.name,
      groupId: command.groupId.toLowerCase(),
      tokenSha256: command.tokenSha256,
      createdBy: context.accountId,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    if (token.organizationId !== context.organizationId)
      throw rpcError(ErrorCodes.CONFLICT, 'this token secret is taken');
    return toScimTokenView(token);
  }

  async list(query: ListScimTokensQuery): Promise<ScimTokenList> {
    const context = await this.scope.masterAdministrator(query.actor);
    const tokens = await this.store.active(context.organizationId);
    return { tokens: tokens.map(toScimTokenView) };
  }

  /** Refused from the next request on; revoking it again changes nothing. */
  async revoke(command: RevokeScimTokenCommand): Promise<ScimTokenView> {
    const context = await this.scope.masterAdministrator(command.actor);
    const token = await this.store.revoke(
      context.organizationId,
      command.tokenId,
      context.accountId,
    );
    if (!token) throw rpcError(ErrorCodes.NOT_FOUND, 'no such SCIM token');
    return toScimTokenView(token);
  }

  async verify(query: VerifyScimTokenQuery): Promise<ScimTokenIdentity> {
    const token = await this.store.use(query.tokenSha256);
    if (!token) throw rpcError(ErrorCodes.UNAUTHENTICATED, 'unknown or revoked SCIM token');
    return { tokenId: token.id, organizationId: token.organizationId, groupId: token.groupId };
  }
}
