import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ServiceScope } from '@app/contracts';

/**
 * Another team's service acting as itself in one organization. It proves itself with
 * assertions signed by its Ed25519 private key; only the public key is kept. It belongs to
 * the organization: every Master Administrator of it sees it and may disable it.
 */
@Entity('service_principals')
@Index('service_principals_organization_idx', ['organizationId', 'createdAt', 'id'])
// The same key again in an organization is the same principal (a create is idempotent by it).
@Index('service_principals_public_key_uq', ['organizationId', 'publicKey'], { unique: true })
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

  /** When an assertion of it was last accepted; written at most once a minute. */
  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  /** The Master Administrator who disabled it. */
  @Column('uuid', { nullable: true })
  disabledBy!: string | null;
}
