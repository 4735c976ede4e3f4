import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A directory's bearer token for SCIM 2.0 (Entra ID, Okta), bound to one organization and
 * one Technician Group: that group's subtree is all it sees and changes. Only the sha-256 of
 * the secret is kept (a 256-bit random secret needs no salt nor slow hash). It never
 * expires; revoking it refuses it from the next request on.
 */
@Entity('scim_tokens')
@Index('scim_tokens_organization_idx', ['organizationId', 'createdAt'])
@Index('scim_tokens_sha256_uq', ['tokenSha256'], { unique: true })
export class ScimToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('varchar', { length: 128 })
  name!: string;

  /** The token's group; once the group is deleted, the token is refused (401). */
  @Column('uuid')
  groupId!: string;

  @Column('char', { length: 64 })
  tokenSha256!: string;

  /** The Master Administrator who made it. */
  @Column('uuid')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When it was last used; written at most once a minute. */
  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('uuid', { nullable: true })
  revokedBy!: string | null;
}
