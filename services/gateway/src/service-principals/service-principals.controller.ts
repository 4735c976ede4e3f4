import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ListServicePrincipalsQuery,
  OrgPatterns,
  Page,
  Roles,
  ServicePrincipalList,
  ServicePrincipalView,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { PageQueryDto } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid.pipe';
import { ApiProblems } from '../openapi/api-problems.decorator';
import {
  CreateServicePrincipalBody,
  ServicePrincipalDto,
  ServicePrincipalPageDto,
} from './dto/service-principal.dto';

/**
 * Other teams' services acting as themselves (spec section 9): every Master Administrator
 * of the organization sees them, who made them and when they were last used, and may
 * disable them. The service keeps its private key: only the public key is sent here.
 */
@ApiTags('service-principals')
@ApiBearerAuth()
@AllowRoles(Roles.MASTER_ADMIN)
@ApiProblems(401, 403)
@Controller('service-principals')
export class ServicePrincipalsController {
  constructor(@InjectRpcClient('org') private readonly org: RpcClient) {}

  @Get()
  @ApiOkResponse({ type: ServicePrincipalPageDto, description: 'Newest first' })
  @ApiProblems(400)
  async list(
    @CurrentActor() actor: RequestActor,
    @Query() page: PageQueryDto,
  ): Promise<Page<ServicePrincipalView>> {
    const list = await this.org.send<ServicePrincipalList>(OrgPatterns.servicePrincipalList, {
      ...page,
      actor: toActor(actor),
    } satisfies ListServicePrincipalsQuery);
    return { items: list.servicePrincipals, nextCursor: list.nextCursor };
  }

  /** Idempotent by the key: the same body again answers the principal already made. */
  @Post()
  @ApiCreatedResponse({ type: ServicePrincipalDto })
  @ApiProblems(400, 409)
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateServicePrincipalBody,
  ): Promise<ServicePrincipalView> {
    return this.org.send(OrgPatterns.servicePrincipalCreate, {
      ...body,
      actor: toActor(actor),
    } satisfies CreateServicePrincipalCommand);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: ServicePrincipalDto })
  @ApiProblems(400, 404)
  disable(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
  ): Promise<ServicePrincipalView> {
    return this.org.send(OrgPatterns.servicePrincipalDisable, {
      actor: toActor(actor),
      servicePrincipalId: id,
    } satisfies DisableServicePrincipalCommand);
  }
}
