import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  IdentityEventPatterns,
  OrgPatterns,
  ProfileReply,
  Roles,
  SetSsoSettingsCommand,
  SsoSettings,
  SSO_SETTINGS_TARGET,
  SsoSettingsUpdatedEvent,
} from '@app/contracts';
import {
  eventOrigin,
  InjectRpcClient,
  Outbox,
  RpcClient,
  rpcError,
  SealingKeyStore,
} from '@app/platform';
import { SsoSettingsRecord } from '../sso-settings/sso-settings.entity';
import { SsoSettingsStore, viewOf } from '../sso-settings/sso-settings.store';
import { ProviderMetadata } from './provider-metadata';
import { invalidSetting } from './settings-refusal';
import { ssoSettingsChanges } from './sso-settings-changes';
import { signInPathOf } from '../sso-settings/sign-in-path';

/**
 * Replacing an organization's Single Sign-On settings: the client secret opened and kept
 * encrypted (absent: the one stored stays), SAML metadata read (from its URL) and checked,
 * break-glass accounts checked to be this organization's Master Administrators, and
 * `required` refused until a Test sign-in succeeded with the protocol settings as saved.
 */
@Injectable()
export class SsoSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SsoSettingsStore,
    private readonly keys: SealingKeyStore,
    private readonly metadata: ProviderMetadata,
    private readonly outbox: Outbox,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  async set(command: SetSsoSettingsCommand): Promise<SsoSettings> {
    const org = command.organizationId;
    await this.checkBreakGlass(org, command.breakGlassAccountIds);
    const secret = command.oidc?.sealedClientSecret
      ? await this.keys.open(command.oidc.sealedClientSecret, 'oidc.clientSecret')
      : undefined;
    const samlXml = command.saml ? await this.metadata.read(command.saml) : undefined;

    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(SsoSettingsRecord);
      const current = await repository.findOne({
        where: { organizationId: org },
        lock: { mode: 'pessimistic_write' },
      });
      const next = Object.assign(
        new SsoSettingsRecord(),
        current ?? { organizationId: org, protocolVersion: 0 },
      );
      next.mode = command.mode;
      next.breakGlassAccountIds = command.breakGlassAccountIds;
      if (command.protocol) next.protocol = command.protocol;
      if (command.oidc) {
        next.oidcIssuer = command.oidc.issuer.replace(/\/+$/, '');
        next.oidcClientId = command.oidc.clientId;
        next.oidcScopes = command.oidc.scopes ?? [];
        next.oidcSsoIdClaim = command.oidc.ssoIdClaim ?? null;
        if (secret) next.oidcClientSecret = await this.store.encryptSecret(manager, org, secret);
        if (!next.oidcClientSecret) throw invalidSetting('oidc.clientSecret', 'is required');
      }
      if (command.saml) {
        next.samlMetadataXml = samlXml!;
        next.samlMetadataUrl = command.saml.metadataUrl ?? null;
        next.samlMetadataReadAt = command.saml.metadataUrl ? new Date() : null;
        next.samlSsoIdAttribute = command.saml.ssoIdAttribute ?? null;
      }
      if (next.mode !== 'off' && !this.configured(next)) {
        throw invalidSetting(next.protocol ?? 'protocol', 'the provider settings are missing');
      }
      if (!current || signInPathOf(current) !== signInPathOf(next) || secret) {
        next.protocolVersion = (current?.protocolVersion ?? 0) + 1;
      }
      if (next.mode === 'required' && next.testedVersion !== next.protocolVersion) {
        throw rpcError(
          ErrorCodes.SSO_TEST_REQUIRED,
          'save the settings, run a Test sign-in that succeeds, then make Single Sign-On required',
        );
      }
      const saved = await repository.save(next);
      await this.outbox.add(
        manager,
        IdentityEventPatterns.ssoSettingsUpdated,
        eventOrigin(command.actor),
        {
          target: { ...SSO_SETTINGS_TARGET },
          groupPaths: [],
          changes: ssoSettingsChanges(current, saved, !!secret),
          mode: saved.mode,
          protocol: saved.protocol,
        } satisfies SsoSettingsUpdatedEvent,
      );
      return saved;
    });
    return viewOf(saved);
  }

  private configured(record: SsoSettingsRecord): boolean {
    if (record.protocol === 'oidc') return !!(record.oidcIssuer && record.oidcClientSecret);
    if (record.protocol === 'saml') return !!record.samlMetadataXml;
    return false;
  }

  /** Each a Master Administrator of this organization, enabled: nobody else keeps a password. */
  private async checkBreakGlass(organizationId: string, accountIds: string[]): Promise<void> {
    for (const accountId of new Set(accountIds)) {
      const profile = await this.org
        .send<ProfileReply>(OrgPatterns.profileGet, {
          actor: { accountId, organizationId, role: Roles.MASTER_ADMIN },
        })
        .catch(() => undefined);
      if (profile?.organizationId !== organizationId || profile.role !== Roles.MASTER_ADMIN) {
        throw invalidSetting(
          'breakGlassAccountIds',
          `${accountId} is not a Master Administrator here`,
        );
      }
    }
  }
}
