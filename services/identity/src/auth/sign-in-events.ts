import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountStandingReply,
  ChangeOrigin,
  EventTarget,
  IdentityEventPatterns,
  PasswordChangedEvent,
  SignInFailedEvent,
  SignInLockedOutEvent,
  SignInMethod,
  SignInSucceededEvent,
} from '@app/contracts';
import { eventOrigin, Outbox } from '@app/platform';
import { IdentitySettings } from '../config/env';

/** The account a sign-in is about, as the audit log names it: by the email it signed in with. */
export interface SigningInAccount {
  account: Pick<AccountStandingReply, 'accountId' | 'organizationId'>;
  /** The email (or, through a provider, the Single Sign-On ID) it was known by at the time. */
  name: string;
}

/**
 * The audit events of signing in and of an account's own password (docs/AUDIT.md). A sign-in's
 * are written in a transaction of their own, committed before the answer goes out (a sign-in
 * changes no row of ours); a password change's with the password. The principal is the
 * account itself. A password or token never goes into one.
 */
@Injectable()
export class SignInEvents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly settings: IdentitySettings,
  ) {}

  succeeded(who: SigningInAccount, method: SignInMethod, origin: ChangeOrigin): Promise<void> {
    return this.dataSource.transaction((manager) =>
      this.outbox.add(manager, IdentityEventPatterns.signInSucceeded, this.by(who, origin), {
        ...about(who),
        accountId: who.account.accountId,
        method,
      } satisfies SignInSucceededEvent),
    );
  }

  /**
   * A refused sign-in of a known account. An unknown email (`who` undefined) has no organization to
   * record it in: it writes nothing, but runs the same one-statement transaction, so that the
   * sign-in of an unknown email takes as long as a wrong password (no oracle for emails).
   * `lockedOut`: the limits this failure exhausted (attempts are refused from now on).
   */
  async failed(
    who: SigningInAccount | undefined,
    reason: string,
    origin: ChangeOrigin,
    lockedOut: ('account' | 'address')[] = [],
    method: SignInMethod = 'password',
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!who) {
        await manager.query('SELECT 1');
        return;
      }
      await this.outbox.add(manager, IdentityEventPatterns.signInFailed, this.by(who, origin), {
        ...about(who),
        accountId: who.account.accountId,
        method,
        reason,
      } satisfies SignInFailedEvent);
      await this.lockedOut(manager, who, origin, lockedOut);
    });
  }

  /** The account changed its own password (in the transaction that stores it): never what to. */
  passwordChanged(
    manager: EntityManager,
    who: SigningInAccount,
    origin: ChangeOrigin | undefined,
  ): Promise<void> {
    return this.outbox.add(manager, IdentityEventPatterns.passwordChanged, this.by(who, origin), {
      ...about(who),
      accountId: who.account.accountId,
    } satisfies PasswordChangedEvent);
  }

  private async lockedOut(
    manager: EntityManager,
    who: SigningInAccount,
    origin: ChangeOrigin,
    limits: ('account' | 'address')[],
  ): Promise<void> {
    for (const limit of limits) {
      await this.outbox.add(manager, IdentityEventPatterns.signInLockedOut, this.by(who, origin), {
        ...about(who),
        accountId: who.account.accountId,
        limit,
        blockSeconds: this.settings.SIGN_IN_BLOCK_SECONDS,
      } satisfies SignInLockedOutEvent);
    }
  }

  private by(who: SigningInAccount, origin: ChangeOrigin | undefined) {
    return eventOrigin({ ...who.account, origin });
  }
}

/** The target of an account's own event; organization-wide (no group paths known here). */
export function accountTarget(who: SigningInAccount): EventTarget {
  return { type: 'account', id: who.account.accountId, name: who.name };
}

function about(who: SigningInAccount) {
  return { target: accountTarget(who), groupPaths: [] as string[] };
}
