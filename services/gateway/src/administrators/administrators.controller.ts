import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AdministratorView,
  CreateAdministratorCommand,
  ListAdministratorsQuery,
  OrgPatterns,
  Page,
  Roles,
  UpdateAdministratorCommand,
} from '@app/contracts';
import { InjectRpcClient, PasswordSealer, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { IdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid.pipe';
import { ApiIdempotencyKey } from '../openapi/api-idempotency-key.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import {
  AdministratorDto,
  AdministratorPageDto,
  CreateAdministratorBody,
  UpdateAdministratorBody,
} from './dto/administrator.dto';

@ApiTags('administrators')
@ApiBearerAuth()
@AllowRoles(Roles.MASTER_ADMIN)
@ApiProblems(401, 403)
@Controller('administrators')
export class AdministratorsController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly sealer: PasswordSealer,
  ) {}

  @Get()
  @ApiOkResponse({ type: AdministratorPageDto })
  @ApiProblems(400)
  list(
    @CurrentActor() actor: RequestActor,
    @Query() page: PageQueryDto,
  ): Promise<Page<AdministratorView>> {
    return this.org.send(OrgPatterns.administratorList, {
      ...page,
      actor: toActor(actor),
    } satisfies ListAdministratorsQuery);
  }

  @Post()
  @ApiCreatedResponse({ type: AdministratorDto })
  @ApiProblems(400, 404, 409, 422)
  @ApiIdempotencyKey('administrator')
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateAdministratorBody,
    @IdempotencyKey() idempotencyKey: string,
  ): Promise<AdministratorView> {
    const { password, ...fields } = body;
    return this.sealer.withSealed(password, (sealedPassword) =>
      this.org.send<AdministratorView>(OrgPatterns.administratorCreate, {
        ...fields,
        actor: toActor(actor),
        sealedPassword,
        idempotencyKey,
      } satisfies CreateAdministratorCommand),
    );
  }

  @Patch(':id')
  @ApiOkResponse({ type: AdministratorDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Body() body: UpdateAdministratorBody,
  ): Promise<AdministratorView> {
    const { password, ...fields } = body;
    const send = (sealedPassword?: string) =>
      this.org.send<AdministratorView>(OrgPatterns.administratorUpdate, {
        ...fields,
        actor: toActor(actor),
        administratorId: id,
        sealedPassword,
      } satisfies UpdateAdministratorCommand);
    return password === undefined ? send() : this.sealer.withSealed(password, send);
  }
}
