import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OIDC_DEFAULTS, SAML_DEFAULTS, SsoSettings } from '@app/contracts';
import {
  atRestKeyId,
  decryptAtRest,
  encryptAtRest,
  SealingKeyPair,
  SealingKeyStore,
} from '@app/platform';
import { SsoSettingsRecord } from './sso-settings.entity';

/**
 * The organizations' Single Sign-On settings in identity's database: read by sign-in (is a
 * password refused?) and by the flows; the client secret encrypted to identity's sealing key
 * (re-encrypted when that key is retired, like an import row's password).
 */
@Injectable()
export class SsoSettingsStore implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: SealingKeyStore,
  ) {}

  onModuleInit(): void {
    this.keys.onRetire((manager, retired, current) => this.reencrypt(manager, retired, current));
  }

  record(organizationId: string, manager = this.dataSource.manager) {
    return manager.getRepository(SsoSettingsRecord).findOneBy({ organizationId });
  }

  async view(organizationId: string): Promise<SsoSettings> {
    return viewOf(await this.record(organizationId));
  }

  /** Whether `mode` required refuses this account's password (a break-glass master keeps it). */
  async refusesPassword(organizationId: string, accountId: string): Promise<boolean> {
    const record = await this.record(organizationId);
    return record?.mode === 'required' && !record.breakGlassAccountIds.includes(accountId);
  }

  /** The client secret encrypted for storage, to the current key held until `manager` commits. */
  async encryptSecret(manager: EntityManager, organizationId: string, secret: Buffer) {
    const key = await this.keys.lockCurrent(manager);
    return encryptAtRest(secret, key, contextOf(organizationId));
  }

  async clientSecret(record: SsoSettingsRecord): Promise<string> {
    const stored = record.oidcClientSecret!;
    const key = await this.keys.keyPair(atRestKeyId(stored));
    return decryptAtRest(stored, key, contextOf(record.organizationId)).toString('utf8');
  }

  /** A Test sign-in succeeded with `version`: kept only if the settings are still that version. */
  async markTested(organizationId: string, version: number): Promise<void> {
    await this.dataSource
      .getRepository(SsoSettingsRecord)
      .update(
        { organizationId, protocolVersion: version },
        { testedVersion: version, testSucceededAt: new Date() },
      );
  }

  private async reencrypt(
    manager: EntityManager,
    retired: SealingKeyPair,
    current: SealingKeyPair,
  ): Promise<void> {
    const records = await manager
      .getRepository(SsoSettingsRecord)
      .createQueryBuilder('s')
      .where('s.oidc_client_secret LIKE :prefix', { prefix: `aes.${retired.keyId}.%` })
      .getMany();
    for (const record of records) {
      const context = contextOf(record.organizationId);
      const secret = decryptAtRest(record.oidcClientSecret!, retired, context);
      await manager
        .getRepository(SsoSettingsRecord)
        .update(
          { organizationId: record.organizationId },
          { oidcClientSecret: encryptAtRest(secret, current, context) },
        );
    }
  }
}

const contextOf = (organizationId: string) => `sso-client-secret:${organizationId}`;

/** The settings as answered: never the secret, only whether one is set. */
export function viewOf(record: SsoSettingsRecord | null): SsoSettings {
  if (!record) {
    return {
      mode: 'off',
      protocol: null,
      oidc: null,
      saml: null,
      breakGlassAccountIds: [],
      testSucceededAt: null,
      updatedAt: null,
    };
  }
  return {
    mode: record.mode,
    protocol: record.protocol,
    oidc: record.oidcIssuer
      ? {
          issuer: record.oidcIssuer,
          clientId: record.oidcClientId ?? '',
          clientSecretSet: record.oidcClientSecret !== null,
          scopes: record.oidcScopes.length > 0 ? record.oidcScopes : OIDC_DEFAULTS.scopes,
          ssoIdClaim: record.oidcSsoIdClaim ?? OIDC_DEFAULTS.ssoIdClaim,
        }
      : null,
    saml:
      record.samlMetadataXml || record.samlMetadataUrl
        ? {
            metadataXml: record.samlMetadataUrl ? null : record.samlMetadataXml,
            metadataUrl: record.samlMetadataUrl,
            ssoIdAttribute: record.samlSsoIdAttribute ?? SAML_DEFAULTS.ssoIdAttribute,
            metadataReadAt: record.samlMetadataReadAt?.toISOString() ?? null,
          }
        : null,
    breakGlassAccountIds: record.breakGlassAccountIds,
    testSucceededAt:
      record.testedVersion === record.protocolVersion && record.testSucceededAt
        ? record.testSucceededAt.toISOString()
        : null,
    updatedAt: record.updatedAt.toISOString(),
  };
}
