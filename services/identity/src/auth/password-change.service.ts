import { Injectable } from '@nestjs/common';
import { ChangePasswordCommand, EndSessionsCommand, ErrorCodes, OrgPatterns } from '@app/contracts';
import { InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { CredentialsService } from '../credentials/credentials.service';
import { PasswordHasher } from '../credentials/password-hasher';
import { PasswordPoliciesService } from '../password-policy/password-policies.service';
import { SealingKeysService } from '../sealing/sealing-keys.service';
import { accountEmail } from './account-lookups';
import { SignInEvents } from './sign-in-events';
import { SignInLimits } from './sign-in-limits';

/**
 * The owner changes their password: the current one must be right (attempts are limited
 * like sign-ins), the new one meet the policy. Every token issued before the change stops
 * working: org ends the account's sessions first, so that a failure after it leaves the
 * old password with no session rather than a new password with old sessions.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly hasher: PasswordHasher,
    private readonly sealingKeys: SealingKeysService,
    private readonly policies: PasswordPoliciesService,
    private readonly limits: SignInLimits,
    private readonly events: SignInEvents,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  async change(command: ChangePasswordCommand): Promise<void> {
    const credential = await this.credentials.findLive(command.accountId, command.organizationId);
    // The caller's own account: if it is gone, so is the caller's right to be here.
    if (!credential) throw rpcError(ErrorCodes.UNAUTHENTICATED, 'your account no longer exists');
    const attempt = await this.limits.passwordChange(command.accountId);
    let next: string;
    let currentIsRight: boolean;
    try {
      const [current, opened] = await Promise.all([
        this.sealingKeys.openPassword(command.sealedCurrentPassword),
        this.sealingKeys.openPassword(command.sealedNewPassword),
      ]);
      next = opened;
      currentIsRight =
        !!credential.passwordHash && (await this.hasher.verify(credential.passwordHash, current));
    } catch (err) {
      await attempt.undecided();
      throw err;
    }
    if (!currentIsRight) {
      throw rpcError(ErrorCodes.INVALID_CREDENTIALS, 'the current password is wrong', {
        errors: [
          { field: 'currentPassword', code: ErrorCodes.INVALID_CREDENTIALS, message: 'is wrong' },
        ],
      });
    }
    await attempt.succeeded();
    await this.policies.enforce(command.organizationId, next, 'sealedNewPassword');
    const account = { accountId: command.accountId, organizationId: command.organizationId };
    // Read before the sessions end (the event names the account as it is now).
    const name = await accountEmail(this.org, account);
    await this.org.send(OrgPatterns.sessionsEnd, {
      accountId: command.accountId,
      organizationId: command.organizationId,
      issuedAt: command.issuedAt,
      sessionId: command.sessionId,
    } satisfies EndSessionsCommand);
    await this.credentials.storeOwnPassword(command.accountId, next, (manager) =>
      this.events.passwordChanged(manager, { account, name }, command.origin),
    );
  }
}
