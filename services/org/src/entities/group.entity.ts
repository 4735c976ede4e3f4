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
import type { Permission } from '@app/contracts';
import { Organization } from './organization.entity';

/**
 * A Technician Group. `path` holds the ids from the top of the tree down to this group,
 * `/<root>/<child>/.../<this>/`, so that "this group and everything below it" is a prefix
 * match (the column sorts bytewise, COLLATE "C", so the index serves LIKE 'prefix%').
 */
@Entity('groups')
@Index('groups_path_idx', ['organizationId', 'path'])
@Index('groups_children_idx', ['organizationId', 'parentId', 'name', 'id'])
@Index('groups_listing_idx', ['organizationId', 'name', 'id'])
// Group search's LIKE '%q%' (migration GroupSearch): TypeORM does not generate GIN indexes.
@Index('groups_name_trgm', { synchronize: false })
export class Group {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('uuid', { nullable: true })
  @Index('groups_parent_idx')
  parentId!: string | null;

  @ManyToOne(() => Group, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Group;

  @Column({ type: 'text', collation: 'C' })
  path!: string;

  /** Sorts naturally ("Bulk 2" before "Bulk 10"): see the NaturalSortCollation migration. */
  @Column({ type: 'varchar', length: 128, collation: 'natural_sort' })
  name!: string;

  @Column('varchar', { length: 1024, default: '' })
  description!: string;

  @Column('text', { array: true, default: () => `'{}'` })
  permissions!: Permission[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
