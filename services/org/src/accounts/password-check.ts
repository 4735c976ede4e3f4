import { Injectable } from '@nestjs/common';
import {
  CheckPasswordQuery,
  CheckPasswordReply,
  ErrorCodes,
  IdentityPatterns,
} from '@app/contracts';
import { InjectRpcClient, RpcClient, rpcError } from '@app/platform';

/**
 * Asks identity whether a sealed password meets the organization's policy, changing
 * nothing: for a dry run, and before a change that must not half-apply when the password
 * is refused. PASSWORD_POLICY lists every rule broken.
 */
@Injectable()
export class PasswordCheck {
  constructor(@InjectRpcClient('identity') private readonly identity: RpcClient) {}

  async assertAllowed(organizationId: string, sealedPassword: string): Promise<void> {
    const { violations } = await this.identity.send<CheckPasswordReply>(
      IdentityPatterns.passwordCheck,
      { organizationId, sealedPassword } satisfies CheckPasswordQuery,
    );
    if (violations.length > 0) {
      throw rpcError(ErrorCodes.PASSWORD_POLICY, 'the password does not meet the password policy', {
        errors: violations,
      });
    }
  }
}
