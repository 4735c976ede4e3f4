import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RpcErrorEnvelope } from '@app/contracts';
import { Account } from '../accounts/account.entity';

export type StoredOutcome = { ok: true; reply: unknown } | { ok: false; error: RpcErrorEnvelope };

/**
 * One command that creates something, by its idempotency key (per organization). While it
 * runs, `accountId` points at the account being made (and the row goes with it if that
 * account is undone, so the command can run again); once it ends, `outcome` is its answer,
 * which every repeat gets.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** The organization, or the nil UUID for keys of commands that make an organization. */
  @PrimaryColumn('uuid')
  organizationId!: string;

  @PrimaryColumn('varchar', { length: 200 })
  key!: string;

  /** sha-256 of the command without its sealed password (which differs on every sealing). */
  @Column('char', { length: 64 })
  fingerprint!: string;

  @Column('uuid', { nullable: true })
  accountId!: string | null;

  // Deferred: a command claims its key before it inserts the account the key points at.
  @ManyToOne(() => Account, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column('jsonb', { nullable: true })
  outcome!: StoredOutcome | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
