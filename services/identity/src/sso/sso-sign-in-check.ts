import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCodes, FinishSsoCommand } from '@app/contracts';
import { InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { accountOfSsoId } from '../auth/account-lookups';
import { SignInEvents } from '../auth/sign-in-events';
import { SignInLimits } from '../auth/sign-in-limits';
import { SsoSettingsStore } from '../sso-settings/sso-settings.store';
import { SsoFlow } from './sso-flow.entity';
import { SsoError } from './protocols/sso-protocol';
import { SsoProtocols } from './sso-protocols';

export interface SignedInThroughProvider {
  accountId: string;
  organizationId: string;
  role: string;
  ssoId: string;
}

/**
 * The provider's answer of a claimed flow, checked: by the protocol (signatures, audience,
 * state, nonce, ...), once (a SAML assertion ID is accepted once), counted against the
 * address's sign-in limit like a password, and matched to the one account of the
 * organization with that Single Sign-On ID. Nothing is created on the fly.
 */
@Injectable()
export class SsoSignInCheck {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SsoSettingsStore,
    private readonly protocols: SsoProtocols,
    private readonly limits: SignInLimits,
    private readonly events: SignInEvents,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  async signIn(
    flow: SsoFlow,
    command: FinishSsoCommand,
    state: string,
  ): Promise<SignedInThroughProvider> {
    const attempt = await this.limits.ssoSignIn(command.clientAddress);
    const organizationId = flow.organizationId;
    const configured = await this.protocols.of(await this.store.record(organizationId));
    const identity = await configured.handler.finish(
      configured.config,
      { organizationId, publicUrl: flow.publicUrl, state },
      flow.pending ?? {},
      {
        callbackUrl: command.callbackUrl,
        samlResponse: command.samlResponse,
        relayState: command.relayState,
      },
    );
    if (identity.assertionId) {
      await this.acceptOnce(organizationId, identity.assertionId, identity.assertionValidUntil);
    }
    const account = await accountOfSsoId(this.org, organizationId, identity.ssoId);
    if (flow.purpose === 'test') {
      if (account?.accountId !== flow.accountId) {
        throw rpcError(
          ErrorCodes.SSO_ACCOUNT_UNKNOWN,
          `the provider signed in "${identity.ssoId}", which is not your Single Sign-On ID`,
        );
      }
      await this.store.markTested(organizationId, flow.protocolVersion);
    } else if (!account) {
      throw rpcError(
        ErrorCodes.SSO_ACCOUNT_UNKNOWN,
        'no account of this organization has the Single Sign-On ID the provider gave',
      );
    } else if (!account.enabled) {
      // A known account refused: recorded (an unknown Single Sign-On ID has no account to name),
      // named by the ID it came with (org answers no profile of a disabled account).
      const who = { account, name: identity.ssoId };
      const origin = { channel: 'sso' as const, address: command.clientAddress };
      await this.events.failed(who, ErrorCodes.ACCOUNT_DISABLED, origin, [], 'sso');
      throw rpcError(ErrorCodes.ACCOUNT_DISABLED, 'this account is disabled');
    }
    await attempt.succeeded();
    return { ...account, role: account.role, ssoId: identity.ssoId };
  }

  /** A SAML assertion's ID, accepted the first time only (by every replica: a primary key). */
  private async acceptOnce(organizationId: string, assertionId: string, until?: Date) {
    const expiresAt = until ?? new Date(Date.now() + 24 * 3600_000);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO sso_seen_assertions (organization_id, assertion_id, expires_at)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING assertion_id`,
      [organizationId, assertionId, expiresAt],
    );
    if (inserted.length === 0) {
      throw new SsoError('replayed', 'this assertion of the provider was used already');
    }
  }
}
