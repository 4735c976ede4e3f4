import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RpcErrorEnvelope, SsoProtocol } from '@app/contracts';

/** What a finished flow keeps for its browser: who signed in (or the test's ssoId), or why not. */
export type SsoFlowOutcome =
  | { ok: true; accountId: string; organizationId: string; role: string; ssoId: string }
  | { ok: false; error: RpcErrorEnvelope };

/**
 * One sign-in through a provider, from the browser's start to its complete: found by the
 * SHA-256 of its `state` (OIDC state, SAML RelayState), finished once, its outcome handed
 * once to the browser holding the binding secret. Kept a short while, then swept.
 */
@Entity('sso_flows')
export class SsoFlow {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('sso_flows_state_uq', { unique: true })
  @Column('char', { length: 64 })
  stateHash!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('varchar', { length: 8 })
  purpose!: 'sign-in' | 'test';

  @Column('varchar', { length: 8 })
  protocol!: SsoProtocol;

  /** A Test sign-in: the Master Administrator who runs it. */
  @Column('uuid', { nullable: true })
  accountId!: string | null;

  @Column('integer')
  protocolVersion!: number;

  @Column('varchar', { length: 2048 })
  publicUrl!: string;

  /** The protocol's secrets of the flow (nonce, PKCE verifier, request ID); gone once finished. */
  @Column('jsonb', { nullable: true })
  pending!: Record<string, string> | null;

  /** SHA-256 of the secret in the browser's cookie. */
  @Column('char', { length: 64 })
  browserBinding!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @Index('sso_flows_handoff_uq', { unique: true, where: 'handoff_hash IS NOT NULL' })
  @Column('char', { length: 64, nullable: true })
  handoffHash!: string | null;

  @Column('jsonb', { nullable: true })
  outcome!: SsoFlowOutcome | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
