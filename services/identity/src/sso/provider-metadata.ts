import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan, Not } from 'typeorm';
import { SamlSettingsInput, SSO_LIMITS } from '@app/contracts';
import { SsoSettingsRecord } from '../sso-settings/sso-settings.entity';
import { parseIdpMetadata } from './protocols/saml-metadata';
import { invalidSetting } from './settings-refusal';

const FETCH_TIMEOUT_MS = 10_000;
const REFRESH_EVERY_MS = 24 * 3600_000;
const CHECK_EVERY_MS = 3600_000;

/**
 * A SAML provider's metadata: as given, or read from its URL when saved and again daily (a
 * provider rolls its signing certificate over through its metadata). A failed daily read
 * keeps the metadata read before, and says so in the log.
 */
@Injectable()
export class ProviderMetadata implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProviderMetadata.name);
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.refreshDue(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The metadata XML of the settings; VALIDATION_FAILED naming the field when it cannot be had. */
  async read(saml: SamlSettingsInput): Promise<string> {
    const xml = saml.metadataUrl ? await this.fetch(saml.metadataUrl) : saml.metadataXml!;
    try {
      // Read as a sign-in will read it: a provider without a sign-on URL or a certificate is
      // refused now, not at the first sign-in.
      parseIdpMetadata(xml);
    } catch (err) {
      const field = saml.metadataUrl ? 'saml.metadataUrl' : 'saml.metadataXml';
      throw invalidSetting(field, `is not usable SAML metadata: ${(err as Error).message}`);
    }
    return xml;
  }

  private async fetch(url: string): Promise<string> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const text = await response.text();
      if (text.length > SSO_LIMITS.metadataMaxLength) throw new Error('is too large');
      return text;
    } catch (err) {
      throw invalidSetting('saml.metadataUrl', `could not be read: ${(err as Error).message}`);
    }
  }

  private async refreshDue(): Promise<void> {
    const repository = this.dataSource.getRepository(SsoSettingsRecord);
    const due = await repository.findBy({
      samlMetadataUrl: Not(IsNull()),
      samlMetadataReadAt: LessThan(new Date(Date.now() - REFRESH_EVERY_MS)),
    });
    for (const record of due) {
      try {
        const xml = await this.read({ metadataUrl: record.samlMetadataUrl! });
        await repository.update(
          { organizationId: record.organizationId },
          { samlMetadataXml: xml, samlMetadataReadAt: new Date() },
        );
      } catch (err) {
        this.logger.warn(
          { err, organizationId: record.organizationId },
          'SAML metadata not read again; the metadata read before stays',
        );
      }
    }
  }
}
