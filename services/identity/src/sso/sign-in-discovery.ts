import { Injectable } from '@nestjs/common';
import {
  AccountStandingReply,
  DiscoverSignInQuery,
  DiscoverSignInReply,
  ErrorCodes,
  LookupAccountQuery,
  OrgPatterns,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { SsoSettingsStore } from '../sso-settings/sso-settings.store';

/** The nil UUID: no organization has it. */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/**
 * The sign-in page's email step: a password, or the organization's provider. An unknown
 * email answers as an organization without Single Sign-On, after the same two lookups
 * (org's, then the settings'), so neither the answer nor its time tells them apart.
 */
@Injectable()
export class SignInDiscovery {
  constructor(
    private readonly store: SsoSettingsStore,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  async discover(query: DiscoverSignInQuery): Promise<DiscoverSignInReply> {
    const account = await this.lookup(query.email);
    const record = await this.store.record(account?.organizationId ?? NO_ORGANIZATION);
    if (!account || !record || record.mode === 'off') return { method: 'password', mode: 'off' };
    return { method: 'sso', mode: record.mode };
  }

  private async lookup(email: string): Promise<AccountStandingReply | undefined> {
    try {
      return await this.org.send<AccountStandingReply>(OrgPatterns.accountLookup, {
        email,
      } satisfies LookupAccountQuery);
    } catch (err) {
      if ((err as { code?: string }).code === ErrorCodes.ACCOUNT_NOT_FOUND) return undefined;
      throw err;
    }
  }
}
