import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from './organization.entity';
import type { ChangeOrigin, Role } from '@app/contracts';

/**
 * - provisioning: the row exists, its credential is being created in identity; the email is
 *   reserved but nobody can sign in yet. Must become active before `provisioningDeadline`,
 *   or the sweep undoes it.
 * - active: whole, with its credential.
 * - abandoning: an unfinished account being undone (credential revoked, then the row deleted).
 * - deleting: an active account being deleted the same way (then a deleted event).
 */
export type AccountState = 'provisioning' | 'active' | 'abandoning' | 'deleting';

/**
 * Everyone who signs in: administrators and technicians. One table, so that the email, the
 * login, is unique across the whole system, whatever the account's kind.
 */
@Entity('accounts')
@Index('accounts_email_uq', ['emailNormalized'], { unique: true })
@Index('accounts_provisioning_idx', ['provisioningDeadline'], { where: `"state" <> 'active'` })
@Index('accounts_listing_idx', ['organizationId', 'role', 'sortName', 'id'])
// Here, not on technicians: one SSO ID names one account of either role in an organization.
@Index('accounts_sso_id_uq', ['organizationId', 'ssoId'], {
  unique: true,
  where: '"sso_id" IS NOT NULL',
})
// GIN trigram indexes for searching names and emails, made by a migration written by hand.
@Index('accounts_sort_name_trgm', { synchronize: false })
@Index('accounts_email_trgm', { synchronize: false })
export class Account {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  @Index('accounts_organization_idx')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('varchar', { length: 16 })
  role!: Role;

  @Column('varchar', { length: 128 })
  name!: string;

  /**
   * lower(name), the sort key of lists (text: lower-casing can lengthen a name), in natural
   * order ("bulk 2" before "bulk 10"): see the NaturalSortCollation migration.
   */
  @Column({ type: 'text', collation: 'natural_sort' })
  sortName!: string;

  /** As entered; compared through emailNormalized. */
  @Column('varchar', { length: 254 })
  email!: string;

  /** lower(email), the login (text: lower-casing can lengthen an address). */
  @Column('text')
  emailNormalized!: string;

  /** The Single Sign-On ID, compared exactly; null when none. */
  @Column('varchar', { length: 128, nullable: true })
  ssoId!: string | null;

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Column('varchar', { length: 16 })
  state!: AccountState;

  @Column('timestamptz', { nullable: true })
  provisioningDeadline!: Date | null;

  /** Who is deleting it (`accounts/<id>`), for the deleted event: set with `deleting`. */
  @Column('varchar', { length: 120, nullable: true })
  deletedBy!: string | null;

  /** How and from where it is being deleted (the actor's origin), for the deleted event: set with `deleting`. */
  @Column('jsonb', { nullable: true })
  deletedVia!: ChangeOrigin | null;

  /**
   * Tokens issued before this are refused: set when the password is changed or reset, so
   * that a session opened with the old password ends at once.
   */
  @Column('timestamptz', { nullable: true })
  sessionsValidAfter!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
