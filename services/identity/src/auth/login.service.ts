import { Injectable } from '@nestjs/common';
import {
  AccountStandingReply,
  ChangeOrigin,
  ErrorCodes,
  LoginCommand,
  LoginReply,
  normalizeEmail,
} from '@app/contracts';
import { currentSender, InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { Credential } from '../credentials/credential.entity';
import { CredentialsService } from '../credentials/credentials.service';
import { PasswordHasher } from '../credentials/password-hasher';
import { SealingKeysService } from '../sealing/sealing-keys.service';
import { SsoSettingsStore } from '../sso-settings/sso-settings.store';
import { accountOfEmail } from './account-lookups';
import { SignInEvents } from './sign-in-events';
import { SignInLimits } from './sign-in-limits';
import { TokenIssuer } from './token-issuer';

/** The nil UUID: no account has it. */
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

const invalidCredentials = () =>
  rpcError(ErrorCodes.INVALID_CREDENTIALS, 'the email or the password is wrong');

/**
 * Sign-in. The same steps run for an unknown email and a wrong password (org is asked, one
 * argon2 verification runs), so neither the answer nor its timing tells them apart. Only
 * after the password checked out does the account's state matter (disabled, must change).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly hasher: PasswordHasher,
    private readonly sealingKeys: SealingKeysService,
    private readonly limits: SignInLimits,
    private readonly tokens: TokenIssuer,
    private readonly ssoSettings: SsoSettingsStore,
    private readonly events: SignInEvents,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  async login(command: LoginCommand): Promise<LoginReply> {
    const email = normalizeEmail(command.email);
    const origin = signInOrigin(command);
    // Counted before the password is checked: parallel guesses cannot pass the limit together.
    const attempt = await this.limits.signIn(email, attemptSource(command));
    let checked: Checked;
    try {
      checked = await this.checkPassword(email, command.sealedPassword);
    } catch (err) {
      await attempt.undecided();
      throw err;
    }
    const who = checked.account && { account: checked.account, name: email };
    if (!checked.passwordIsRight || !who) {
      // Written for a known account, and the same work for an unknown email (see SignInEvents).
      const lockedOut = attempt.exhausted.filter(
        (limit): limit is 'account' | 'address' => limit !== 'password-change',
      );
      await this.events.failed(who, ErrorCodes.INVALID_CREDENTIALS, origin, lockedOut);
      throw invalidCredentials();
    }
    await attempt.succeeded();
    const { account, credential } = checked as Required<Checked>;

    if (!account.enabled) {
      await this.events.failed(who, ErrorCodes.ACCOUNT_DISABLED, origin);
      throw rpcError(ErrorCodes.ACCOUNT_DISABLED, 'this account is disabled');
    }
    // Told only once the password checked out, like a disabled account: no oracle for emails.
    if (await this.ssoSettings.refusesPassword(account.organizationId, account.accountId)) {
      await this.events.failed(who, ErrorCodes.SSO_REQUIRED, origin);
      throw rpcError(
        ErrorCodes.SSO_REQUIRED,
        "this organization signs in through its identity provider; use your company's sign-in",
      );
    }
    const mustChangePassword = await this.credentials.mustChangePassword(credential);
    await this.events.succeeded(who, 'password', origin);
    const accessToken = await this.tokens.issue({
      sub: account.accountId,
      org: account.organizationId,
      role: account.role,
      mcp: mustChangePassword,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      role: account.role,
      mustChangePassword,
    };
  }

  /** The account and credential, and whether the password is right; the same work when the email is unknown. */
  private async checkPassword(email: string, sealedPassword: string): Promise<Checked> {
    const password = await this.sealingKeys.openPassword(sealedPassword);
    const account = await accountOfEmail(this.org, email);
    // Looked up for an unknown email too (an id no credential has): one query either way,
    // which under load would otherwise tell the two apart by milliseconds.
    const credential = await this.credentials.findLive(account?.accountId ?? NO_ACCOUNT);
    const passwordIsRight = credential?.passwordHash
      ? await this.hasher.verify(credential.passwordHash, password)
      : await this.hasher.verifyAgainstNothing(password);
    return {
      account,
      credential: credential ?? undefined,
      passwordIsRight: !!(account && credential && passwordIsRight),
    };
  }
}

interface Checked {
  account?: AccountStandingReply;
  credential?: Credential;
  passwordIsRight: boolean;
}

/**
 * How a sign-in reached identity, for its events: another team's service over the broker
 * (origin its broker user), or the gateway's REST API with the client's address.
 */
function signInOrigin(command: LoginCommand): ChangeOrigin {
  const sender = currentSender();
  if (sender && !sender.internal) return { channel: 'amqp', brokerUser: sender.brokerUser };
  return { channel: 'rest', ...(command.clientAddress ? { address: command.clientAddress } : {}) };
}

/**
 * Where an attempt comes from, for the per-address limit: the client address the gateway
 * states, or for another team's service (which may not state one) its broker user, so that
 * one team's guesses are limited together and can block no one else's address.
 */
function attemptSource(command: LoginCommand): string | undefined {
  const sender = currentSender();
  if (sender && !sender.internal) return `amqp:${sender.brokerUser}`;
  return command.clientAddress;
}
