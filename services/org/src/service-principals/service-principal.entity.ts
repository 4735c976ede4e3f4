import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ServiceScope } from '@app/contracts';

/**
 * Another team's service acting as itself in one organization. It proves itself with
 * assertions signed by its Ed25519 private key; only the public key is kept.
 */
@Entity('service_principals')
@Index('service_principals_organization_idx', ['organizationId'])
export class ServicePrincipal {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('varchar', { length: 128 })
  name!: string;

  @Column('jsonb')
  scopes!: ServiceScope[];

  /** Ed25519, 32 raw bytes in base64url. */
  @Column('varchar', { length: 43 })
  publicKey!: string;

  @Column('boolean', { default: true })
  enabled!: boolean;

  /** The Master Administrator who made it. */
  @Column('uuid')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
