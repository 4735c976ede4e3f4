import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SsoMode, SsoProtocol } from '@app/contracts';

/** An organization's Single Sign-On settings. No row: `mode` off. */
@Entity('sso_settings')
export class SsoSettingsRecord {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @Column('varchar', { length: 16 })
  mode!: SsoMode;

  @Column('varchar', { length: 8, nullable: true })
  protocol!: SsoProtocol | null;

  @Column('varchar', { length: 2048, nullable: true })
  oidcIssuer!: string | null;

  @Column('varchar', { length: 256, nullable: true })
  oidcClientId!: string | null;

  /** Encrypted to identity's sealing key (secret-at-rest.ts), never stored in clear. */
  @Column('text', { nullable: true })
  oidcClientSecret!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  oidcScopes!: string[];

  @Column('varchar', { length: 128, nullable: true })
  oidcSsoIdClaim!: string | null;

  @Column('text', { nullable: true })
  samlMetadataXml!: string | null;

  @Column('varchar', { length: 2048, nullable: true })
  samlMetadataUrl!: string | null;

  @Column('timestamptz', { nullable: true })
  samlMetadataReadAt!: Date | null;

  @Column('varchar', { length: 128, nullable: true })
  samlSsoIdAttribute!: string | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  breakGlassAccountIds!: string[];

  /**
   * Grows whenever what a sign-in goes through changes (protocol, provider, client, claim):
   * a Test sign-in proves the version it ran with, and `required` needs the current one proved.
   */
  @Column('integer', { default: 0 })
  protocolVersion!: number;

  @Column('integer', { nullable: true })
  testedVersion!: number | null;

  @Column('timestamptz', { nullable: true })
  testSucceededAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
