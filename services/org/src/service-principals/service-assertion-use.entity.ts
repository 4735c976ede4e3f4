import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An assertion a service principal used: its `jti`, kept (by the principal, so that two
 * principals' values never meet) until the assertion could no longer be accepted anyway.
 * Every replica of org reads and writes this one table, so an assertion is accepted once
 * wherever it arrives.
 */
@Entity('service_assertion_uses')
@Index('service_assertion_uses_keep_until_idx', ['keepUntil'])
export class ServiceAssertionUse {
  @PrimaryColumn('uuid')
  principalId!: string;

  @PrimaryColumn('varchar', { length: 128 })
  jti!: string;

  /** SHA-256 (hex) of the message it came with: only the broker's redelivery of it may pass again. */
  @Column('char', { length: 64 })
  messageDigest!: string;

  @Column('timestamptz')
  keepUntil!: Date;
}
