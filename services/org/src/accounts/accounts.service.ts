import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  AccountStandingReply,
  Actor,
  ErrorCodes,
  normalizeEmail,
  ProfileReply,
} from '@app/contracts';
import { rpcError } from '@app/platform';
import { ActorIdentity, ScopePolicy } from '../scope/scope-policy';
import { Account } from './account.entity';

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly scope: ScopePolicy,
  ) {}

  /** The complete account whose login is this email, for identity's sign-in. */
  async lookup(email: string): Promise<AccountStandingReply> {
    const account = await this.accounts.findOneBy({
      emailNormalized: normalizeEmail(email),
      state: 'active',
    });
    if (!account) throw rpcError(ErrorCodes.ACCOUNT_NOT_FOUND, 'no such account');
    return {
      accountId: account.id,
      organizationId: account.organizationId,
      role: account.role,
      enabled: account.enabled,
    };
  }

  async profile(actor: Actor): Promise<ProfileReply> {
    // The scope policy's reading of the actor: a disabled account's token, or one issued
    // before a password change, dies here as everywhere.
    const context = await this.scope.actor(actor);
    const account = await this.accounts.findOneOrFail({
      where: { id: context.accountId },
      relations: { organization: true },
    });
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
    await this.accounts.update({ id: actor.accountId }, { sessionsValidAfter: new Date() });
  }
}
