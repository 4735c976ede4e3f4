import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { FieldError } from '@app/contracts';
import type { RowTechnician } from '../rows/validate-rows';
import { ImportRecord } from './import.entity';

/**
 * - pending: waiting for a worker;
 * - processing: a worker sent its create command (a repeat is safe: same idempotency key);
 * - succeeded / failed: final, each counted once in the import's counters.
 */
export type ImportRowState = 'pending' | 'processing' | 'succeeded' | 'failed';

/** One data record of an import and what became of it. */
@Entity('import_rows')
@Index('import_rows_status_idx', ['importId', 'status', 'row'])
export class ImportRow {
  @PrimaryColumn('uuid')
  importId!: string;

  @PrimaryColumn('int')
  row!: number;

  @ManyToOne(() => ImportRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: ImportRecord;

  @Column('int', { nullable: true })
  line!: number | null;

  @Column('varchar', { length: 16 })
  status!: ImportRowState;

  /** The cells as uploaded, without the password. */
  @Column('jsonb')
  cells!: Record<string, string>;

  /** The fields of the create command (null when the row failed the file's own checks). */
  @Column('jsonb', { nullable: true })
  technician!: RowTechnician | null;

  /** The password sealed to identity's key; dropped once the row has ended. */
  @Column('text', { nullable: true })
  sealedPassword!: string | null;

  @Column('uuid', { nullable: true })
  technicianId!: string | null;

  @Column('jsonb', { default: () => `'[]'` })
  errors!: FieldError[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
