import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RpcErrorEnvelope } from '@app/contracts';

export type StoredOutcome = { ok: true; reply: unknown } | { ok: false; error: RpcErrorEnvelope };

/**
 * One command that creates something, by its idempotency key (per organization). While it
 * runs, `accountId` points at the account being made (the row is deleted with that account
 * if it is undone, so that the command can run again); once it ends, `outcome` is its
 * answer, which every repeat gets for as long as the key is kept (IDEMPOTENCY_KEY_RETENTION_SECONDS,
 * then OrgIdempotencyKeyExpiry deletes it). No foreign key: the answer outlives what it made.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_account_idx', ['accountId'])
@Index('idempotency_keys_created_idx', ['createdAt'])
export class IdempotencyKey {
  /** The organization, or the nil UUID for keys of commands that make an organization. */
  @PrimaryColumn('uuid')
  organizationId!: string;

  @PrimaryColumn('varchar', { length: 255 })
  key!: string;

  /** sha-256 of what the command means, its password aside (see command-meaning.ts). */
  @Column('char', { length: 64 })
  fingerprint!: string;

  /**
   * The first command's password, sealed to identity's key as it came, kept only until
   * identity has given its digest (while the command runs, seconds): a box stops opening
   * once its key is retired, so it never stays with an outcome when the digest can be had.
   */
  @Column('text', { nullable: true })
  sealedPassword!: string | null;

  /**
   * Identity's keyed digest of the first command's password: a repeat's password, sealed
   * anew to whatever key is current, is compared with it by identity.
   */
  @Column('text', { nullable: true })
  passwordDigest!: string | null;

  /**
   * sha-256 of the first command's box as it came: a redelivery of that very message is the
   * same password without asking identity. It tells nothing of the password (a box is
   * ciphertext under a key made for it alone).
   */
  @Column('char', { length: 64, nullable: true })
  sealedPasswordSha256!: string | null;

  @Column('uuid', { nullable: true })
  accountId!: string | null;

  /**
   * Settled by the caller without a command having run (an import row given up): the
   * command, should it still arrive, answers the stored refusal whatever its fields.
   */
  @Column('boolean', { default: false })
  fenced!: boolean;

  @Column('jsonb', { nullable: true })
  outcome!: StoredOutcome | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
