import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ImportStatus, Role, ImportEncoding } from '@app/contracts';

/**
 * An import: the file's facts and the summary counters, kept as rows end (so a status poll
 * is one row, whatever the file's size). The uploaded file itself is never stored.
 */
@Entity('imports')
@Index('imports_listing_idx', ['organizationId', 'createdAt', 'id'])
@Index('imports_idempotency_uq', ['organizationId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
@Index('imports_unfinished_idx', ['status'], { where: `"status" IN ('queued', 'running')` })
export class Import {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  /** The Master Administrator who uploaded it; rows are created on their behalf. */
  @Column('uuid')
  createdBy!: string;

  @Column('varchar', { length: 16 })
  createdByRole!: Role;

  @Column('varchar', { length: 16 })
  status!: ImportStatus;

  @Column('boolean')
  dryRun!: boolean;

  @Column('uuid', { nullable: true })
  groupId!: string | null;

  @Column('varchar', { length: 255 })
  fileName!: string;

  @Column('varchar', { length: 8 })
  format!: 'csv' | 'json';

  /** The character encoding the file was read in (the file itself is not kept). */
  @Column('varchar', { length: 16, default: 'utf-8' })
  encoding!: ImportEncoding;

  @Column('varchar', { length: 1, nullable: true })
  delimiter!: ',' | ';' | '\t' | null;

  /** The header row as uploaded (for the report). */
  @Column('jsonb')
  headers!: string[];

  @Column('char', { length: 64 })
  fileSha256!: string;

  @Column('varchar', { length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Column('int')
  total!: number;

  @Column('int', { default: 0 })
  processed!: number;

  @Column('int', { default: 0 })
  succeeded!: number;

  @Column('int', { default: 0 })
  failed!: number;

  @Column('boolean', { default: false })
  cancelRequested!: boolean;

  /**
   * Where this import's rows start in the queue's order (a batch's job priority is this plus
   * its first row's number): see jobs/fair-share.ts.
   */
  @Column('int', { default: 0 })
  priorityBase!: number;

  /** Milliseconds, as JavaScript keeps them, so that the list's cursor compares exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;
}
