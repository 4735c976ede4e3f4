import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The key pair passwords are sealed to. Only identity ever reads the private half. */
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
}
