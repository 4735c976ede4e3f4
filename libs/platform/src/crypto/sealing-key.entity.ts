import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key pair secrets are sealed to (identity: passwords; import: uploaded files). Only its
 * service reads the private half. A retired key opens nothing any more.
 */
@Entity('sealing_keys')
export class SealingKey {
  @PrimaryColumn('varchar', { length: 16 })
  keyId!: string;

  @Column('text')
  publicKey!: string;

  @Column('text')
  privateKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  retiredAt!: Date | null;
}
