import { runInLane } from '@app/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCredentialBatchCommand,
  CreateCredentialBatchReply,
  CreateCredentialCommand,
  CreateCredentialReply,
  CredentialStatusReply,
  GetCredentialStatusQuery,
  IdentityPatterns,
  RevokeCredentialCommand,
  RevokeCredentialReply,
  SetPasswordCommand,
  SetPasswordReply,
} from '@app/contracts';
import { CredentialsService } from './credentials.service';

@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @MessagePattern(IdentityPatterns.credentialCreate)
  create(@Payload() command: CreateCredentialCommand): Promise<CreateCredentialReply> {
    return this.credentials.create(command);
  }

  @MessagePattern(IdentityPatterns.credentialCreateBatch)
  createBatch(
    @Payload() command: CreateCredentialBatchCommand,
  ): Promise<CreateCredentialBatchReply> {
    // Hashed at the bulk priority whatever queue it came on: a batch is never a person waiting.
    return runInLane('bulk', () => this.credentials.createBatch(command));
  }

  @MessagePattern(IdentityPatterns.credentialRevoke)
  async revoke(@Payload() command: RevokeCredentialCommand): Promise<RevokeCredentialReply> {
    await this.credentials.revoke(command.accountId);
    return { accountId: command.accountId, revoked: true };
  }

  @MessagePattern(IdentityPatterns.credentialStatusGet)
  status(@Payload() query: GetCredentialStatusQuery): Promise<CredentialStatusReply> {
    return this.credentials.status(query.accountId);
  }

  @MessagePattern(IdentityPatterns.credentialPasswordSet)
  setPassword(@Payload() command: SetPasswordCommand): Promise<SetPasswordReply> {
    return this.credentials.setPassword(command);
  }
}
