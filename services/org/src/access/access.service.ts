import { Injectable } from '@nestjs/common';
import {
  AccountStandingReply,
  Actor,
  ErrorCodes,
  ProfileReply,
  SignOutCommand,
} from '@app/contracts';
import { rpcError } from '@app/platform';
import { ActorIdentity, ScopePolicy } from '../scope/scope-policy';
import { EndedSessionsStore } from '../sessions/ended-sessions.store';
import { AccountStore } from '../accounts/account.store';
import type { Account } from '../entities/account.entity';

/** An account's standing for a sign-in; ACCOUNT_NOT_FOUND when there is none. */
function standingOf(account: Account | null): AccountStandingReply {
  if (!account) throw rpcError(ErrorCodes.ACCOUNT_NOT_FOUND, 'no such account');
  return {
    accountId: account.id,
    organizationId: account.organizationId,
    role: account.role,
    enabled: account.enabled,
  };
}

@Injectable()
export class AccessService {
  constructor(
    private readonly accounts: AccountStore,
    private readonly scope: ScopePolicy,
    private readonly endedSessions: EndedSessionsStore,
  ) {}

  /** The complete account whose login is this email, for identity's sign-in. */
  async lookup(email: string): Promise<AccountStandingReply> {
    return standingOf(await this.accounts.activeByEmail(email));
  }

  /** The complete account of the organization with this SSO ID, for a Single Sign-On sign-in. */
  async lookupBySsoId(organizationId: string, ssoId: string): Promise<AccountStandingReply> {
    return standingOf(await this.accounts.activeBySsoId(organizationId, ssoId));
  }

  async profile(actor: Actor): Promise<ProfileReply> {
    // The scope policy's reading of the actor: a disabled account's token, or one issued
    // before a password change, dies here as everywhere.
    const context = await this.scope.actor(actor);
    const account = await this.accounts.withOrganization(context.accountId);
    return {
      id: account.id,
      organizationId: account.organizationId,
      organizationName: account.organization!.name,
      role: account.role,
      name: account.name,
      email: account.email,
      enabled: account.enabled,
    };
  }

  /**
   * Ends the account's sessions: tokens issued before now stop working. Identity calls it
   * before it stores a password the owner changed (org does it itself for the resets it
   * makes). The actor's own token must still be current.
   */
  async endSessions(actor: ActorIdentity): Promise<void> {
    await this.scope.actor(actor);
    await this.accounts.endSessions(actor.accountId);
  }

  /**
   * Signs a token out: its session is refused from now on, until the token expires. The
   * token must still stand, so signing out twice is refused like any other use of it.
   */
  async signOut(command: SignOutCommand): Promise<void> {
    const { actor } = command;
    await this.scope.actor(actor);
    if (actor.sessionId) {
      await this.endedSessions.end({
        sessionId: actor.sessionId,
        accountId: actor.accountId,
        expiresAt: new Date(command.expiresAt * 1000),
      });
      return;
    }
    // A token issued before tokens carried a session id cannot be told from the others issued
    // up to it: those end with it, the account's newer sessions go on (they all expire soon).
    if (actor.issuedAt === undefined) {
      throw rpcError(ErrorCodes.UNAUTHENTICATED, 'this token names no session to end');
    }
    await this.accounts.endSessionsUpTo(
      actor.accountId,
      new Date(Math.floor(actor.issuedAt * 1000) + 1),
    );
  }
}
