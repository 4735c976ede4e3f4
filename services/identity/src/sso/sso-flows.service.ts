import { Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CompleteSsoCommand,
  CompleteSsoReply,
  ErrorCodes,
  FinishSsoCommand,
  FinishSsoReply,
  isRpcErrorEnvelope,
  StartSsoCommand,
  StartSsoReply,
} from '@app/contracts';
import { InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { SsoSettingsStore } from '../sso-settings/sso-settings.store';
import { accountEmail, accountOfEmail } from '../auth/account-lookups';
import { SignInEvents } from '../auth/sign-in-events';
import { TokenIssuer } from '../auth/token-issuer';
import { SsoFlow, SsoFlowOutcome } from './sso-flow.entity';
import { SsoError } from './protocols/sso-protocol';
import { SsoProtocols } from './sso-protocols';
import { SsoSignInCheck } from './sso-sign-in-check';

/** How long a person has at the provider, and how long the browser has to take the outcome. */
const FLOW_TTL_MS = 10 * 60_000;
const HANDOFF_TTL = '2 minutes';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const oneTimeValue = () => randomBytes(32).toString('base64url');

/** A refusal with no flow to tell it through (the state matched none). */
export const ssoFailed = (reason: string, message: string) =>
  rpcError(ErrorCodes.SSO_FAILED, message, { details: { reason } });

/**
 * A sign-in (or a Test sign-in) through the organization's provider, in three steps:
 * - start: a flow bound to the browser (the SHA-256 of its cookie's secret) and found later
 *   by the SHA-256 of a random `state`; the browser goes to the provider;
 * - finish: the provider's answer, checked by the protocol, once per flow; the outcome (who,
 *   or why not) kept for a one-time handoff code;
 * - complete: the browser holding the binding takes the outcome: an access token as a
 *   password sign-in gives, or the refusal in words. Another browser gets nothing.
 */
@Injectable()
export class SsoFlows {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SsoSettingsStore,
    private readonly protocols: SsoProtocols,
    private readonly check: SsoSignInCheck,
    private readonly tokens: TokenIssuer,
    private readonly events: SignInEvents,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  async start(command: StartSsoCommand): Promise<StartSsoReply> {
    const organizationId = await this.organizationOf(command);
    const record = await this.store.record(organizationId);
    if (command.purpose === 'sign-in' && (!record || record.mode === 'off')) throw notConfigured();
    const configured = await this.protocols.of(record);
    const state = oneTimeValue();
    const context = { organizationId, publicUrl: command.publicUrl, state };
    const started = await configured.handler
      .start(configured.config, context)
      .catch((err: unknown) => {
        if (err instanceof SsoError) throw ssoFailed(err.reason, err.message);
        throw err;
      });
    await this.dataSource.getRepository(SsoFlow).insert({
      id: randomUUID(),
      stateHash: sha256(state),
      organizationId,
      purpose: command.purpose,
      protocol: configured.protocol,
      accountId: command.purpose === 'test' ? command.accountId! : null,
      protocolVersion: record!.protocolVersion,
      publicUrl: command.publicUrl,
      pending: started.pending,
      browserBinding: command.browserBinding,
      expiresAt: new Date(Date.now() + FLOW_TTL_MS),
    });
    return { redirectUrl: started.redirectUrl };
  }

  async finish(command: FinishSsoCommand): Promise<FinishSsoReply> {
    const state =
      command.protocol === 'oidc' ? stateOfCallback(command.callbackUrl) : command.relayState;
    const flow = state ? await this.claim(command, state) : undefined;
    if (!flow || !state) {
      throw ssoFailed('state-mismatch', 'this answer of the provider belongs to no sign-in here');
    }
    const outcome = await this.outcomeOf(flow, command, state);
    const handoff = oneTimeValue();
    await this.dataSource
      .getRepository(SsoFlow)
      .update({ id: flow.id }, { handoffHash: sha256(handoff), outcome: outcome as never });
    return { handoff, purpose: flow.purpose };
  }

  async complete(command: CompleteSsoCommand): Promise<CompleteSsoReply> {
    const rows: SsoFlow[][] = await this.dataSource.query(
      `UPDATE sso_flows SET completed_at = now()
        WHERE handoff_hash = $1 AND browser_binding = $2 AND completed_at IS NULL
          AND finished_at > now() - interval '${HANDOFF_TTL}'
        RETURNING purpose, outcome`,
      [sha256(command.handoff), sha256(command.browserSecret)],
    );
    const flow = rows[0]?.[0] as Pick<SsoFlow, 'purpose' | 'outcome'> | undefined;
    if (!flow?.outcome) {
      throw ssoFailed('state-mismatch', 'this sign-in was not started here, or it has ended');
    }
    const outcome = flow.outcome;
    if (!outcome.ok) throw new RpcException(outcome.error);
    if (flow.purpose === 'test') return { test: true, ssoId: outcome.ssoId };
    const name = await accountEmail(this.org, outcome);
    await this.events.succeeded({ account: outcome, name }, 'sso', {
      channel: 'sso',
      ...(command.clientAddress ? { address: command.clientAddress } : {}),
    });
    const accessToken = await this.tokens.issue({
      sub: outcome.accountId,
      org: outcome.organizationId,
      role: outcome.role as never,
      mcp: false,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      role: outcome.role as never,
      mustChangePassword: false,
    };
  }

  /** The flow of this state, finished now (once: a second answer finds none), with its secrets. */
  private async claim(command: FinishSsoCommand, state: string): Promise<SsoFlow | undefined> {
    const rows: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE sso_flows f SET finished_at = now(), pending = NULL
         FROM (SELECT id, pending FROM sso_flows WHERE state_hash = $1 FOR UPDATE) old
        WHERE f.id = old.id AND f.organization_id = $2 AND f.protocol = $3
          AND f.finished_at IS NULL AND f.expires_at > now()
        RETURNING f.id, f.organization_id, f.purpose, f.account_id, f.protocol_version,
                  f.public_url, old.pending`,
      [sha256(state), command.organizationId, command.protocol],
    );
    const row = rows[0]?.[0];
    if (!row) return undefined;
    return Object.assign(new SsoFlow(), {
      id: row.id,
      organizationId: row.organization_id,
      purpose: row.purpose,
      accountId: row.account_id,
      protocolVersion: row.protocol_version,
      publicUrl: row.public_url,
      pending: row.pending,
    });
  }

  /** Who signed in, or the refusal as an outcome (told to the browser at complete). */
  private async outcomeOf(
    flow: SsoFlow,
    command: FinishSsoCommand,
    state: string,
  ): Promise<SsoFlowOutcome> {
    try {
      return { ok: true, ...(await this.check.signIn(flow, command, state)) };
    } catch (err) {
      if (err instanceof SsoError) {
        return {
          ok: false,
          error: {
            code: ErrorCodes.SSO_FAILED,
            message: err.message,
            details: { reason: err.reason },
          },
        };
      }
      const error = err instanceof RpcException ? err.getError() : undefined;
      if (isRpcErrorEnvelope(error)) return { ok: false, error };
      throw err;
    }
  }

  /** A sign-in's organization is its email's (an unknown one: as without SSO); a test's, given. */
  private async organizationOf(command: StartSsoCommand): Promise<string> {
    if (command.purpose === 'test') {
      if (!command.organizationId || !command.accountId) throw notConfigured();
      return command.organizationId;
    }
    const account = command.email ? await accountOfEmail(this.org, command.email) : undefined;
    if (!account) throw notConfigured();
    return account.organizationId;
  }
}

const notConfigured = () =>
  rpcError(ErrorCodes.SSO_NOT_CONFIGURED, 'Single Sign-On is not available for this email');

/** The `state` of an OIDC callback URL, if it has one. */
function stateOfCallback(callbackUrl: string | undefined): string | undefined {
  if (!callbackUrl) return undefined;
  try {
    return new URL(callbackUrl).searchParams.get('state') ?? undefined;
  } catch {
    return undefined;
  }
}
