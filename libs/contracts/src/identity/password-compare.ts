import { IsSealedSecret } from '../sealed-secret';

/**
 * Request `identity.password.compare.v1`: are two sealed passwords the same password (in
 * Unicode NFC)? Sealing is randomised, so two sealings of one password differ byte for
 * byte; only identity can open them. Org asks when a command repeats an idempotency key
 * whose first command is still running (its password is kept sealed until identity has
 * answered; then as a digest, see `identity.password.digest-compare.v1`). Both boxes must
 * open: either sealed to a retired key is SEALING_KEY_UNKNOWN. Reply: ComparePasswordsReply.
 */
export class ComparePasswordsQuery {
  @IsSealedSecret()
  sealedPassword!: string;

  @IsSealedSecret()
  otherSealedPassword!: string;
}

export interface ComparePasswordsReply {
  equal: boolean;
}
