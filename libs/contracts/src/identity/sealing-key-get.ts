import { Matches } from 'class-validator';
import type { SealingSuite } from '../sealed-secret';

/**
 * Request `identity.sealing-key.get.v1` (passwords) or `import.sealing-key.get.v1` (import
 * files) with `{}`. Reply: the key to seal to now, and the suite (see `sealed-secret.ts`).
 */
export interface SealingKeyReply {
  /** Goes into the sealed text and the `aad`. */
  keyId: string;
  /** X25519 public key as HPKE serializes it: 32 raw bytes, base64url without padding. */
  publicKey: string;
  suite: SealingSuite;
  /**
   * Every key that still opens boxes, the current one first. During a rotation there are
   * two: boxes sealed to the older one still open until it is retired.
   */
  acceptedKeyIds: string[];
}

/**
 * Command `identity.sealing-key.rotate.v1` (or `import.…`) with `{}`, sent by an operator:
 * a new key becomes current; boxes sealed to the older keys still open until they are
 * retired. Reply: SealingKeyReply of the new key.
 */
export type RotateSealingKeyCommand = Record<string, never>;

/**
 * Command `identity.sealing-key.retire.v1` (or `import.…`), sent by an operator once every
 * sender has the new key: boxes sealed to `keyId` are refused with SEALING_KEY_UNKNOWN
 * from then on (by every replica within `SEALING_KEY_REFRESH_SECONDS`). The current key
 * cannot be retired (CONFLICT); an unknown one is NOT_FOUND. Reply: SealingKeyReply.
 */
export class RetireSealingKeyCommand {
  @Matches(/^[0-9a-f]{16}$/)
  keyId!: string;
}

/** How often every replica reads its keys again (a rotation or retirement by another one). */
export const SEALING_KEY_REFRESH_SECONDS = 10;
