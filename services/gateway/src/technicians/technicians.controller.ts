import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_ROLES,
  DeleteTechnicianCommand,
  GetTechnicianQuery,
  ListTechniciansQuery,
  MoveTechnicianCommand,
  OrgPatterns,
  Page,
  SetTechnicianPasswordCommand,
  TechnicianView,
  UpdateTechnicianCommand,
} from '@app/contracts';
import { InjectRpcClient, PasswordSealer, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { UuidParam } from '../http/uuid.pipe';
import { ApiProblems } from '../openapi/api-problems.decorator';
import {
  ListTechniciansQueryDto,
  MoveTechnicianBody,
  SetPasswordBody,
  TechnicianDto,
  TechnicianPageDto,
  UpdateTechnicianBody,
} from './dto/technician.dto';

@ApiTags('technicians')
@ApiBearerAuth()
@AllowRoles(...ADMIN_ROLES)
@ApiProblems(401, 403)
@Controller('technicians')
export class TechniciansController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly sealer: PasswordSealer,
  ) {}

  @Get()
  @ApiOkResponse({ type: TechnicianPageDto, description: 'Technicians within your scope, by name' })
  @ApiProblems(400, 404)
  list(
    @CurrentActor() actor: RequestActor,
    @Query() query: ListTechniciansQueryDto,
  ): Promise<Page<TechnicianView>> {
    return this.org.send(OrgPatterns.technicianList, {
      ...query,
      actor: toActor(actor),
    } satisfies ListTechniciansQuery);
  }

  @Get(':id')
  @ApiOkResponse({ type: TechnicianDto })
  @ApiProblems(400, 404)
  get(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<TechnicianView> {
    return this.org.send(OrgPatterns.technicianGet, {
      actor: toActor(actor),
      technicianId: id,
    } satisfies GetTechnicianQuery);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TechnicianDto })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Body() body: UpdateTechnicianBody,
  ): Promise<TechnicianView> {
    return this.org.send(OrgPatterns.technicianUpdate, {
      ...body,
      actor: toActor(actor),
      technicianId: id,
    } satisfies UpdateTechnicianCommand);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async delete(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<void> {
    await this.org.send(OrgPatterns.technicianDelete, {
      actor: toActor(actor),
      technicianId: id,
    } satisfies DeleteTechnicianCommand);
  }

  @Post(':id/move')
  @HttpCode(200)
  @ApiOkResponse({
    type: TechnicianDto,
    description: 'In its new group, with that group’s permissions',
  })
  @ApiProblems(400, 404)
  move(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Body() body: MoveTechnicianBody,
  ): Promise<TechnicianView> {
    return this.org.send(OrgPatterns.technicianMove, {
      actor: toActor(actor),
      technicianId: id,
      groupId: body.groupId,
    } satisfies MoveTechnicianCommand);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Set; the technician must change it at next sign-in if the policy says so',
  })
  @ApiProblems(400, 404, 422)
  async setPassword(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Body() body: SetPasswordBody,
  ): Promise<void> {
    await this.sealer.withSealed(body.password, (sealedPassword) =>
      this.org.send(OrgPatterns.technicianPasswordSet, {
        actor: toActor(actor),
        technicianId: id,
        sealedPassword,
      } satisfies SetTechnicianPasswordCommand),
    );
  }
}
