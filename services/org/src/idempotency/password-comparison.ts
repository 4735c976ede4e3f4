import { Injectable, Logger } from '@nestjs/common';
import {
  ComparePasswordsQuery,
  ComparePasswordsReply,
  CompareWithDigestQuery,
  DigestPasswordsQuery,
  DigestPasswordsReply,
  ErrorCodes,
  IdentityPatterns,
} from '@app/contracts';
import { InjectRpcClient, RpcCallError, RpcClient } from '@app/platform';

/** What a key keeps of its first command's password: a digest, or (while it runs) its box. */
export interface KeptPassword {
  passwordDigest: string | null;
  sealedPassword: string | null;
}

/**
 * Passwords under idempotency keys, compared by identity (only it can open a box or check a
 * digest): a repeat's password, sealed anew, against what the key keeps of the first.
 */
@Injectable()
export class PasswordComparison {
  private readonly logger = new Logger(PasswordComparison.name);

  constructor(@InjectRpcClient('identity') private readonly identity: RpcClient) {}

  /**
   * Whether `sealed` holds the password the key keeps. The repeat's box must open
   * (SEALING_KEY_UNKNOWN goes back to its sender, who seals it again). A kept box that no
   * longer opens (its key retired since) cannot be compared: the fields decided, and the
   * repeat is the same request; a retirement never turns a key into a refusal.
   */
  async same(kept: KeptPassword, sealed: string): Promise<boolean> {
    if (kept.passwordDigest) {
      const reply = await this.identity.send<ComparePasswordsReply>(
        IdentityPatterns.passwordDigestCompare,
        {
          sealedPassword: sealed,
          passwordDigest: kept.passwordDigest,
        } satisfies CompareWithDigestQuery,
      );
      return reply.equal;
    }
    if (kept.sealedPassword === null || kept.sealedPassword === sealed) return true;
    try {
      const reply = await this.identity.send<ComparePasswordsReply>(
        IdentityPatterns.passwordCompare,
        {
          sealedPassword: sealed,
          otherSealedPassword: kept.sealedPassword,
        } satisfies ComparePasswordsQuery,
      );
      return reply.equal;
    } catch (err) {
      if (!(err instanceof RpcCallError) || err.code !== ErrorCodes.SEALING_KEY_UNKNOWN) throw err;
      // Which of the two? Asking for the repeat's digest throws again if it is that one.
      await this.digests([sealed]);
      this.logger.warn('a kept password was sealed to a retired key; the fields decided');
      return true;
    }
  }

  /** Identity's digests of boxes, in order. */
  async digests(sealed: string[]): Promise<string[]> {
    const reply = await this.identity.send<DigestPasswordsReply>(IdentityPatterns.passwordDigest, {
      sealedPasswords: sealed,
    } satisfies DigestPasswordsQuery);
    return reply.passwordDigests;
  }
}
