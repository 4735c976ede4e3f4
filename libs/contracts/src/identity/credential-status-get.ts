import { IsUUID } from 'class-validator';

/** Request `identity.credential.status.get.v1`. */
export class GetCredentialStatusQuery {
  @IsUUID()
  accountId!: string;
}

export interface CredentialStatusReply {
  accountId: string;
  exists: boolean;
  mustChangePassword: boolean;
}
