import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The password of one account (technician or administrator). Org owns the account, its
 * email (the login) included; identity finds the account of an email by asking org.
 * A revoked credential is a tombstone: no hash, and a later create for the same account is
 * refused, so a delayed message cannot bring back an account that was undone.
 */
@Entity('credentials')
export class Credential {
  @PrimaryColumn('uuid')
  accountId!: string;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  /** argon2id PHC string. */
  @Column('text', { nullable: true })
  passwordHash!: string | null;

  @Column('boolean', { default: false })
  mustChangePassword!: boolean;

  @Column('timestamptz', { nullable: true })
  passwordChangedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
