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
import { Import } from './import.entity';

/** What a valid row becomes: the fields of `org.technician.create.v1` (the password apart). */
export interface RowTechnician {
  name: string;
  nickname?: string;
  email: string;
  ssoId?: string;
  description?: string;
  enabled: boolean;
  standardLicense: boolean;
  mobileLicense: boolean;
  groupId: string;
}

/**
 * The life of a row: rows/README.md.
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

  @ManyToOne(() => Import, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Import;

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

  /**
   * The password encrypted to this service's own sealing key (see row-passwords.ts); sealed
   * to identity's current key only when the row is sent. Dropped once the row has ended.
   */
  @Column('text', { nullable: true })
  encryptedPassword!: string | null;

  /**
   * The password of a row stored before `encryptedPassword`, sealed to identity's key at the
   * upload: sent as it is until the row ends. Dropped once the row has ended.
   */
  @Column('text', { nullable: true })
  sealedPassword!: string | null;

  @Column('uuid', { nullable: true })
  technicianId!: string | null;

  @Column('jsonb', { default: () => `'[]'` })
  errors!: FieldError[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
