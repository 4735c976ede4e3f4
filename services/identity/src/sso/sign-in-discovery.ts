import { Injectable } from '@nestjs/common';
import { DiscoverSignInQuery, DiscoverSignInReply } from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { accountOfEmail } from '../auth/account-lookups';
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
    const account = await accountOfEmail(this.org, query.email);
    const record = await this.store.record(account?.organizationId ?? NO_ORGANIZATION);
    if (!account || !record || record.mode === 'off') return { method: 'password', mode: 'off' };
    return { method: 'sso', mode: record.mode };
  }
}
