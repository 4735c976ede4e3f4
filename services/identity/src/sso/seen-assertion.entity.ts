import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A SAML assertion accepted once: the same ID again is a replay, refused by every replica
 * (the primary key). Kept until the assertion itself would have expired.
 */
@Entity('sso_seen_assertions')
export class SeenAssertion {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @PrimaryColumn('varchar', { length: 256 })
  assertionId!: string;

  @Column('timestamptz')
  expiresAt!: Date;
}
