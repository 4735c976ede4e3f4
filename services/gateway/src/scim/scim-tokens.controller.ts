import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateScimTokenCommand,
  ListScimTokensQuery,
  OrgPatterns,
  RevokeScimTokenCommand,
  Roles,
  ScimTokenList,
  ScimTokenView,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { UuidParam } from '../http/uuid.pipe';
import { ApiProblems } from '../openapi/api-problems.decorator';
import {
  CreateScimTokenBody,
  CreatedScimTokenDto,
  ScimTokenDto,
  ScimTokenListDto,
} from './dto/scim-token.dto';
import { newScimToken } from './scim-token-secret';

/**
 * The tokens directories provision with over SCIM (spec section 7): a Master Administrator
 * makes one per directory and group, sees when each was last used, and revokes it.
 */
@ApiTags('scim')
@ApiBearerAuth()
@AllowRoles(Roles.MASTER_ADMIN)
@ApiProblems(401, 403)
@Controller('scim/tokens')
export class ScimTokensController {
  constructor(@InjectRpcClient('org') private readonly org: RpcClient) {}

  /**
   * Not idempotent by a key: the secret is made here and only its digest is kept, so a repeat
   * cannot be answered with it; a repeated request makes another token (list and revoke it).
   */
  @Post()
  @ApiCreatedResponse({ type: CreatedScimTokenDto })
  @ApiProblems(400, 404)
  async create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateScimTokenBody,
  ): Promise<CreatedScimTokenDto> {
    const { token, sha256 } = newScimToken();
    const view = await this.org.send<ScimTokenView>(OrgPatterns.scimTokenCreate, {
      actor: toActor(actor),
      name: body.name,
      groupId: body.groupId,
      tokenSha256: sha256,
    } satisfies CreateScimTokenCommand);
    return {
      id: view.id,
      name: view.name,
      token,
      groupId: view.groupId,
      createdAt: view.createdAt,
      lastUsedAt: view.lastUsedAt,
    };
  }

  @Get()
  @ApiOkResponse({ type: ScimTokenListDto, description: 'The tokens not revoked, newest first' })
  async list(@CurrentActor() actor: RequestActor): Promise<ScimTokenListDto> {
    const list = await this.org.send<ScimTokenList>(OrgPatterns.scimTokenList, {
      actor: toActor(actor),
    } satisfies ListScimTokensQuery);
    return { items: list.tokens.map(toDto) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: refused from the next request on' })
  @ApiProblems(400, 404)
  async revoke(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<void> {
    await this.org.send(OrgPatterns.scimTokenRevoke, {
      actor: toActor(actor),
      tokenId: id,
    } satisfies RevokeScimTokenCommand);
  }
}

function toDto(view: ScimTokenView): ScimTokenDto {
  return {
    id: view.id,
    name: view.name,
    groupId: view.groupId,
    createdAt: view.createdAt,
    lastUsedAt: view.lastUsedAt,
  };
}
