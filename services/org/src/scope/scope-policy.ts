import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import {
  accountPrincipal,
  Actor,
  ChangeOrigin,
  ErrorCodes,
  OrganizationAction,
  Role,
  Roles,
  scimTokenPrincipal,
  servicePrincipal,
} from '@app/contracts';
import { rpcError } from '@app/platform';
import { AccountStore } from '../accounts/account.store';
import { Account } from '../entities/account.entity';
import { AdministratorGroup } from '../entities/administrator-group.entity';
import { Group } from '../entities/group.entity';
import { ScimToken } from '../entities/scim-token.entity';
import { ServicePrincipal } from '../entities/service-principal.entity';
import { EndedSessionsStore } from '../sessions/ended-sessions.store';
import { Technician } from '../entities/technician.entity';

/** Who a token says is asking; its role is read from the database. */
export type ActorIdentity = Pick<
  Actor,
  | 'accountId'
  | 'organizationId'
  | 'issuedAt'
  | 'sessionId'
  | 'servicePrincipalId'
  | 'scimTokenId'
  | 'origin'
>;

/** Who is asking, as the database says now (the token's role may be stale). */
export interface ActorContext {
  accountId: string;
  organizationId: string;
  role: Role;
  /** Paths of the groups an Administrator manages; each reaches everything below it. */
  scopePaths: string[];
  /** Who the events name: `accounts/<id>`, `service-principals/<id>` or `scim-tokens/<id>`. */
  principal: string;
  /** Where the command came from (the events' `channel` and `origin`); none: `system`. */
  origin?: ChangeOrigin;
}

/**
 * The one scope policy, used by every handler of org (and, through `org.authorize.v1`, by
 * identity and import). The actor's token must still stand: the account active and enabled,
 * the token not older than its last password change, its session not signed out. Then:
 * - anything of another organization does not exist (…_NOT_FOUND, never 403);
 * - a Master Administrator reaches the whole organization;
 * - an Administrator reaches its assigned groups and everything below them (FORBIDDEN_GROUP
 *   beyond); it may not manage administrators or organization settings (FORBIDDEN);
 * - a technician reaches nothing administrative (FORBIDDEN).
 */
@Injectable()
export class ScopePolicy {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly endedSessions: EndedSessionsStore,
    private readonly accounts: AccountStore,
  ) {}

  async actor(
    actor: ActorIdentity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ActorContext> {
    const context = await this.identify(actor, manager);
    return actor.origin ? { ...context, origin: actor.origin } : context;
  }

  private async identify(actor: ActorIdentity, manager: EntityManager): Promise<ActorContext> {
    if (actor.servicePrincipalId) return this.servicePrincipal(actor, manager);
    if (actor.scimTokenId) return this.scimToken(actor.scimTokenId, actor.organizationId, manager);
    const account = await this.accounts.signedIn(manager, actor.accountId, actor.organizationId);
    if (!account)
      throw rpcError(ErrorCodes.UNAUTHENTICATED, 'your account no longer exists or is disabled');
    if (!tokenIsCurrent(account, actor))
      throw rpcError(
        ErrorCodes.UNAUTHENTICATED,
        'your password was changed after this token was issued; sign in again',
      );
    if (actor.sessionId && (await this.endedSessions.isEnded(actor.sessionId, manager)))
      throw rpcError(ErrorCodes.UNAUTHENTICATED, 'this session was signed out; sign in again');
    let scopePaths: string[] = [];
    if (account.role === Roles.ADMIN) {
      const rows = await manager
        .getRepository(AdministratorGroup)
        .createQueryBuilder('ag')
        .innerJoin(Group, 'g', 'g.id = ag.group_id')
        .select('g.path', 'path')
        .where('ag.account_id = :id', { id: account.id })
        .getRawMany<{ path: string }>();
      scopePaths = rows.map((row) => row.path);
    }
    return {
      accountId: account.id,
      organizationId: account.organizationId,
      role: account.role,
      scopePaths,
      principal: accountPrincipal(account.id),
    };
  }

  /**
   * A service principal acting as itself: organization-wide, like a Master Administrator,
   * within the scopes the transport checked before the message reached a handler.
   */
  private async servicePrincipal(
    actor: ActorIdentity,
    manager: EntityManager,
  ): Promise<ActorContext> {
    const principal = await manager.getRepository(ServicePrincipal).findOneBy({
      id: actor.servicePrincipalId,
      organizationId: actor.organizationId,
      enabled: true,
    });
    if (!principal)
      throw rpcError(ErrorCodes.UNAUTHENTICATED, 'this service principal is disabled or gone');
    return {
      accountId: principal.id,
      organizationId: principal.organizationId,
      role: Roles.MASTER_ADMIN,
      scopePaths: [],
      principal: servicePrincipal(principal.id),
    };
  }

  /**
   * A directory acting over SCIM with a token: an Administrator of the token's group and its
   * subtree (so every scope rule of an Administrator holds), until the token is revoked or
   * its group deleted.
   */
  private async scimToken(
    tokenId: string,
    organizationId: string,
    manager: EntityManager,
  ): Promise<ActorContext> {
    const token = await manager
      .getRepository(ScimToken)
      .findOneBy({ id: tokenId, organizationId, revokedAt: IsNull() });
    const group =
      token &&
      (await manager.getRepository(Group).findOneBy({ id: token.groupId, organizationId }));
    if (!token || !group)
      throw rpcError(ErrorCodes.UNAUTHENTICATED, 'this SCIM token is revoked or its group is gone');
    return {
      accountId: token.id,
      organizationId,
      role: Roles.ADMIN,
      scopePaths: [group.path],
      principal: scimTokenPrincipal(token.id),
    };
  }

  /** The actor, if it is an administrator of either kind. */
  async administrator(actor: Actor, manager?: EntityManager): Promise<ActorContext> {
    const context = await this.actor(actor, manager);
    if (context.role !== Roles.MASTER_ADMIN && context.role !== Roles.ADMIN) {
      throw rpcError(ErrorCodes.FORBIDDEN, 'this needs an administrator');
    }
    return context;
  }

  async masterAdministrator(actor: Actor, manager?: EntityManager): Promise<ActorContext> {
    const context = await this.actor(actor, manager);
    if (context.role !== Roles.MASTER_ADMIN) {
      throw rpcError(ErrorCodes.FORBIDDEN, 'this needs a Master Administrator');
    }
    return context;
  }

  async authorize(actor: Actor, action: OrganizationAction): Promise<void> {
    // Writing settings and importing are for Master Administrators; reading settings for any administrator.
    if (action === 'organization.settings.read') await this.administrator(actor);
    else await this.masterAdministrator(actor);
  }

  reaches(context: ActorContext, path: string): boolean {
    return (
      context.role === Roles.MASTER_ADMIN ||
      context.scopePaths.some((scope) => path.startsWith(scope))
    );
  }

  /** A group of the actor's organization within its scope. */
  async group(
    context: ActorContext,
    groupId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Group> {
    const group = await manager
      .getRepository(Group)
      .findOneBy({ id: groupId, organizationId: context.organizationId });
    if (!group) throw groupNotFound();
    if (!this.reaches(context, group.path)) throw forbiddenGroup();
    return group;
  }

  /** A technician of the actor's organization whose group is within its scope. */
  async technician(
    context: ActorContext,
    technicianId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ technician: Technician; account: Account; group: Group }> {
    const technician = await manager.getRepository(Technician).findOne({
      where: {
        accountId: technicianId,
        organizationId: context.organizationId,
        account: { state: 'active' },
      },
      relations: { account: true, group: true },
    });
    if (!technician) throw rpcError(ErrorCodes.TECHNICIAN_NOT_FOUND, 'no such technician');
    if (!this.reaches(context, technician.group!.path)) throw forbiddenGroup();
    return { technician, account: technician.account!, group: technician.group! };
  }
}

/** False for a token issued before the account's last password change or reset. */
export function tokenIsCurrent(account: Account, actor: ActorIdentity): boolean {
  if (actor.issuedAt === undefined || !account.sessionsValidAfter) return true;
  return actor.issuedAt * 1000 >= account.sessionsValidAfter.getTime();
}

export function groupNotFound(field = 'groupId') {
  return rpcError(ErrorCodes.GROUP_NOT_FOUND, 'no such Technician Group', {
    errors: [{ field, code: ErrorCodes.GROUP_NOT_FOUND, message: 'no such Technician Group' }],
  });
}

export function forbiddenGroup() {
  return rpcError(ErrorCodes.FORBIDDEN_GROUP, 'this Technician Group is outside your scope');
}
