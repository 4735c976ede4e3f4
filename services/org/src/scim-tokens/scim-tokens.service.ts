import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateScimTokenCommand,
  ErrorCodes,
  EventPatterns,
  EventTarget,
  ListScimTokensQuery,
  ScimTokenCreatedEvent,
  ScimTokenEventView,
  ScimTokenRevokedEvent,
  RevokeScimTokenCommand,
  ScimTokenIdentity,
  ScimTokenList,
  ScimTokenView,
  VerifyScimTokenQuery,
} from '@app/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { eventOrigin, Outbox, rpcError } from '@app/platform';
import { ScimToken } from '../entities/scim-token.entity';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ScimTokensStore,
    private readonly scope: ScopePolicy,
    private readonly outbox: Outbox,
  ) {}

  /** Idempotent by the secret's sha-256: a redelivery answers the token its first delivery made. */
  async create(command: CreateScimTokenCommand): Promise<ScimTokenView> {
    const context = await this.scope.masterAdministrator(command.actor);
    await this.scope.group(context, command.groupId);
    const token = await this.dataSource.transaction(async (manager) => {
      const { token, inserted } = await this.store.insert(
        {
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
        },
        manager,
      );
      // A redelivery finds the token its first delivery made: no second event. Its name,
      // never its secret nor the secret's hash.
      if (inserted)
        await this.outbox.add(manager, EventPatterns.scimTokenCreated, eventOrigin(context), {
          target: scimTokenTarget(token),
          groupPaths: [],
          scimToken: scimTokenEventView(token),
        } satisfies ScimTokenCreatedEvent);
      return token;
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
    const token = await this.dataSource.transaction(async (manager) => {
      const revoked = await this.store.revoke(
        context.organizationId,
        command.tokenId,
        context.accountId,
        manager,
      );
      if (!revoked) throw rpcError(ErrorCodes.NOT_FOUND, 'no such SCIM token');
      if (revoked.revokedNow)
        await this.outbox.add(manager, EventPatterns.scimTokenRevoked, eventOrigin(context), {
          target: scimTokenTarget(revoked.token),
          groupPaths: [],
          scimToken: scimTokenEventView(revoked.token),
        } satisfies ScimTokenRevokedEvent);
      return revoked.token;
    });
    return toScimTokenView(token);
  }

  async verify(query: VerifyScimTokenQuery): Promise<ScimTokenIdentity> {
    const token = await this.store.use(query.tokenSha256);
    if (!token) throw rpcError(ErrorCodes.UNAUTHENTICATED, 'unknown or revoked SCIM token');
    return { tokenId: token.id, organizationId: token.organizationId, groupId: token.groupId };
  }
}

function scimTokenTarget(token: ScimToken): EventTarget {
  return { type: 'scim-token', id: token.id, name: token.name };
}

function scimTokenEventView(token: ScimToken): ScimTokenEventView {
  return { id: token.id, name: token.name, groupId: token.groupId };
}
