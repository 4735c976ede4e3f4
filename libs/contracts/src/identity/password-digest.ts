import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches, ValidateNested } from 'class-validator';
import { BATCH_MAX_ITEMS } from '../batches/batch-result';
import { IsSealedSecret } from '../sealed-secret';

/**
 * A keyed digest of a password, made by identity: `hmac-sha256.<salt>.<mac>`, HMAC-SHA256
 * under a secret only identity holds, of a random 16-byte salt and the password in Unicode
 * NFC (salt and mac base64url without padding). Opaque to everyone else: it cannot be
 * reversed without identity's secret, and two digests of one password differ (the salt),
 * so a store of digests says nothing about which passwords are alike. Only identity can tell
 * whether a password matches one (`identity.password.digest-compare.v1`). Org keeps it with
 * an idempotency key, in place of the password, to tell a repeat from another request.
 */
export const PASSWORD_DIGEST_PATTERN = /^hmac-sha256\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

/**
 * Request `identity.password.digest.v1`: the digest of each sealed password, in order (up
 * to BATCH_MAX_ITEMS). Org asks when it recorded a refusal before identity saw the password
 * (a taken email, a group gone) or identity refused it, so that the key keeps a digest and
 * no box. A box that does not open refuses the whole request (SEALING_KEY_UNKNOWN: seal it
 * again to the current key; MESSAGE_INVALID). Reply: DigestPasswordsReply.
 */
export class DigestPasswordsQuery {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_MAX_ITEMS)
  @IsSealedSecret({ each: true })
  sealedPasswords!: string[];
}

export interface DigestPasswordsReply {
  /** One per sealed password, in the same order. */
  passwordDigests: string[];
}

export class DigestComparison {
  @IsSealedSecret()
  sealedPassword!: string;

  @Matches(PASSWORD_DIGEST_PATTERN, { message: '$property must be a password digest' })
  passwordDigest!: string;
}

/**
 * Request `identity.password.digest-compare.v1`: is each sealed password the one its digest
 * was made of (up to BATCH_MAX_ITEMS)? Org asks when commands repeat idempotency keys whose
 * first command's password it kept as a digest (a batch's repeated items in one call). Every
 * box must open (SEALING_KEY_UNKNOWN: seal it again); a digest never expires, whatever keys
 * were retired since. Reply: CompareWithDigestsReply.
 */
export class CompareWithDigestsQuery {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => DigestComparison)
  items!: DigestComparison[];
}

export interface CompareWithDigestsReply {
  /** One per item, in the same order. */
  equal: boolean[];
}
