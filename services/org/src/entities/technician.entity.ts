import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { DirectoryEmail, DirectoryName } from '@app/contracts';
import { Account } from './account.entity';
import { Group } from './group.entity';

/**
 * What a technician has beyond its account (name, email, SSO ID and enabled live there). Its
 * permissions are its group's: never stored here.
 */
@Entity('technicians')
@Index('technicians_external_id_idx', ['organizationId', 'externalId'], {
  where: '"external_id" IS NOT NULL',
})
export class Technician {
  @PrimaryColumn('uuid')
  accountId!: string;

  @OneToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  @Index('technicians_group_idx')
  groupId!: string;

  @ManyToOne(() => Group, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: Group;

  @Column('varchar', { length: 128 })
  nickname!: string;

  @Column('varchar', { length: 1024, default: '' })
  description!: string;

  @Column('boolean')
  standardLicense!: boolean;

  @Column('boolean')
  mobileLicense!: boolean;

  /** A directory's (SCIM) id of the person: per organization, not unique. */
  @Column('varchar', { length: 255, nullable: true })
  externalId!: string | null;

  /** The rest of what a directory said (SCIM `emails` and `name`), as sent; null if none did. */
  @Column('jsonb', { nullable: true })
  directoryProfile!: { emails?: DirectoryEmail[]; name?: DirectoryName } | null;
}
