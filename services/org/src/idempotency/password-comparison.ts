import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  BATCH_MAX_ITEMS,
  ComparePasswordsQuery,
  ComparePasswordsReply,
  CompareWithDigestsQuery,
  CompareWithDigestsReply,
  DigestComparison,
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
  sealedPasswordSha256: string | null;
}

/** sha-256 of a box as it came (see IdempotencyKey.sealedPasswordSha256). */
export function boxSha256(sealed: string): string {
  return createHash('sha256').update(sealed).digest('hex');
}

/** Answers remembered (a box against a digest always compares the same): at most this many. */
const REMEMBERED = 2000;

/**
 * Passwords under idempotency keys, compared by identity (only it can open a box or check a
 * digest): a repeat's password, sealed anew, against what the key keeps of the first.
 */
@Injectable()
export class PasswordComparison {
  private readonly logger = new Logger(PasswordComparison.name);
  /** `<digest> <sha-256 of the box>` → equal, from comparisons made ahead or before. */
  private readonly answers = new Map<string, boolean>();

  constructor(@InjectRpcClient('identity') private readonly identity: RpcClient) {}

  /**
   * Whether `sealed` holds the password the key keeps. The repeat's box must open
   * (SEALING_KEY_UNKNOWN goes back to its sender, who seals it again). A kept box that no
   * longer opens (its key retired since) cannot be compared: the fields decided, and the
   * repeat is the same request; a retirement never turns a key into a refusal.
   */
  async same(kept: KeptPassword, sealed: string): Promise<boolean> {
    // The very same message again (a redelivery, a batch sent twice): no need to ask.
    if (kept.sealedPasswordSha256 === boxSha256(sealed)) return true;
    if (kept.passwordDigest) {
      const known = this.answers.get(answerKey(kept.passwordDigest, sealed));
      if (known !== undefined) return known;
      const [equal] = await this.compareWithDigests([
        { passwordDigest: kept.passwordDigest, sealedPassword: sealed },
      ]);
      return equal;
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

  /**
   * Compares many repeats with the digests their keys keep, in one call per hundred, so that
   * `same` finds the answers ready (a batch's repeated items, answered one by one after).
   */
  async compareAhead(repeats: { kept: KeptPassword; sealed: string }[]): Promise<void> {
    const asked = repeats.flatMap(({ kept, sealed }) =>
      kept.passwordDigest &&
      kept.sealedPasswordSha256 !== boxSha256(sealed) &&
      !this.answers.has(answerKey(kept.passwordDigest, sealed))
        ? [{ passwordDigest: kept.passwordDigest, sealedPassword: sealed }]
        : [],
    );
    for (let start = 0; start < asked.length; start += BATCH_MAX_ITEMS)
      await this.compareWithDigests(asked.slice(start, start + BATCH_MAX_ITEMS));
  }

  /** Identity's digests of boxes, in order. */
  async digests(sealed: string[]): Promise<string[]> {
    const reply = await this.identity.send<DigestPasswordsReply>(IdentityPatterns.passwordDigest, {
      sealedPasswords: sealed,
    } satisfies DigestPasswordsQuery);
    return reply.passwordDigests;
  }

  private async compareWithDigests(items: DigestComparison[]): Promise<boolean[]> {
    const { equal } = await this.identity.send<CompareWithDigestsReply>(
      IdentityPatterns.passwordDigestCompare,
      { items } satisfies CompareWithDigestsQuery,
    );
    items.forEach((item, i) => {
      this.answers.set(answerKey(item.passwordDigest, item.sealedPassword), equal[i]);
      if (this.answers.size > REMEMBERED) this.answers.delete(this.answers.keys().next().value!);
    });
    return equal;
  }
}

function answerKey(passwordDigest: string, sealed: string): string {
  return `${passwordDigest} ${boxSha256(sealed)}`;
}
