import { IsSealedSecret } from '../sealed-secret';

/**
 * Request `identity.password.compare.v1`: are two sealed passwords the same password (in
 * Unicode NFC)? Sealing is randomised, so two sealings of one password differ byte for
 * byte; only identity can open them. Org asks when a command repeats an idempotency key
 * with a password sealed anew. Reply: ComparePasswordsReply.
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
