import { IsUUID } from 'class-validator';

/**
 * Command `identity.credential.revoke.v1`: the account is gone or was never completed.
 * Leaves a tombstone so that a create for the same account arriving later is refused.
 */
export class RevokeCredentialCommand {
  @IsUUID()
  accountId!: string;
}

export interface RevokeCredentialReply {
  accountId: string;
  revoked: true;
}
