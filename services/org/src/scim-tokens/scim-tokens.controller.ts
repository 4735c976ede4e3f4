import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateScimTokenCommand,
  ListScimTokensQuery,
  OrgPatterns,
  RevokeScimTokenCommand,
  ScimTokenIdentity,
  ScimTokenList,
  ScimTokenView,
  VerifyScimTokenQuery,
} from '@app/contracts';
import { ScimTokensService } from './scim-tokens.service';

@Controller()
export class ScimTokensController {
  constructor(private readonly tokens: ScimTokensService) {}

  @MessagePattern(OrgPatterns.scimTokenCreate)
  create(@Payload() command: CreateScimTokenCommand): Promise<ScimTokenView> {
    return this.tokens.create(command);
  }

  @MessagePattern(OrgPatterns.scimTokenList)
  list(@Payload() query: ListScimTokensQuery): Promise<ScimTokenList> {
    return this.tokens.list(query);
  }

  @MessagePattern(OrgPatterns.scimTokenRevoke)
  revoke(@Payload() command: RevokeScimTokenCommand): Promise<ScimTokenView> {
    return this.tokens.revoke(command);
  }

  @MessagePattern(OrgPatterns.scimTokenVerify)
  verify(@Payload() query: VerifyScimTokenQuery): Promise<ScimTokenIdentity> {
    return this.tokens.verify(query);
  }
}
