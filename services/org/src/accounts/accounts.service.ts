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
import { Account } from './account.entity';

@Injectable()
export class AccountsService {
  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

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
    const account = await this.accounts.findOne({
      // A disabled account's token dies here too, as it does in the scope policy.
      where: {
        id: actor.accountId,
        organizationId: actor.organizationId,
        state: 'active',
        enabled: true,
      },
      relations: { organization: true },
    });
    if (!account)
      throw rpcError(ErrorCodes.UNAUTHENTICATED, 'your account no longer exists or is disabled');
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
}
