import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A tenant: a company account. Nothing of one organization is visible from another. */
@Entity('organizations')
export class Organization {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 128 })
  name!: string;

  /** The organization created from BOOTSTRAP_ADMIN_* on the first start. */
  @Column('boolean', { default: false })
  createdByBootstrap!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
