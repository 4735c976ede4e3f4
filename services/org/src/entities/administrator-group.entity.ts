import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from './account.entity';
import { Group } from './group.entity';

/** A group an Administrator manages, with every group below it. */
@Entity('administrator_groups')
export class AdministratorGroup {
  @PrimaryColumn('uuid')
  accountId!: string;

  @PrimaryColumn('uuid')
  @Index('administrator_groups_group_idx')
  groupId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Group;
}
