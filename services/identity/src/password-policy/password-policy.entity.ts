import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PasswordStrength } from '@app/contracts';

/** An organization's password policy. No row: the defaults of the spec apply. */
@Entity('password_policies')
export class PasswordPolicyRecord {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @Column('varchar', { length: 16 })
  minimumStrength!: PasswordStrength;

  @Column('smallint')
  minLength!: number;

  @Column('boolean')
  rejectCommonPasswords!: boolean;

  @Column('boolean')
  forceChangeOnAdminSet!: boolean;

  @Column('smallint')
  maxAgeDays!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
