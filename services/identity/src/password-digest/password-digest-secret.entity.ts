import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The secret of password digests (`password-digests.service.ts`): one row, made by the first
 * start and read by every replica. Never rotated: a digest is kept elsewhere (with an
 * idempotency key in org) and must stay checkable for as long as that is kept.
 */
@Entity('password_digest_secret')
export class PasswordDigestSecret {
  /** Always 1: there is one secret. */
  @PrimaryColumn('smallint')
  id!: number;

  @Column('bytea')
  secret!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
