import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ADMIN_ROLES,
  CreateGroupCommand,
  CreateTechnicianCommand,
  DeleteGroupCommand,
  GetGroupQuery,
  GetGroupTreeQuery,
  GroupMatch,
  GROUP_TREE_MAX_GROUPS,
  GroupSummary,
  GroupTreeReply,
  ListGroupChildrenQuery,
  GroupView,
  ListTechniciansQuery,
  OrgPatterns,
  Page,
  SearchGroupsQuery,
  TechnicianView,
  UpdateGroupCommand,
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
  CreateTechnicianBody,
  TechnicianDto,
  TechnicianPageDto,
} from '../technicians/dto/technician.dto';
import {
  CreateGroupBody,
  GroupDto,
  GroupSummaryPageDto,
  GroupTreeDto,
  UpdateGroupBody,
} from './dto/group.dto';
import { GroupMatchPageDto, SearchGroupsQueryDto } from './dto/group-search.dto';

@ApiTags('groups')
@ApiBearerAuth()
@AllowRoles(...ADMIN_ROLES)
@ApiProblems(401, 403)
@Controller('groups')
export class GroupsController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly sealer: PasswordSealer,
  ) {}

  @Get()
  @ApiOperation({
    deprecated: true,
    summary: 'The whole Organization Tree',
    description: `Deprecated: the web app no longer reads it. Answers at most ${GROUP_TREE_MAX_GROUPS} groups (TREE_TOO_LARGE past them); read the tree a level at a time (GET /groups/roots, GET /groups/{id}/children) or search it (GET /groups/search).`,
  })
  @ApiOkResponse({ type: GroupTreeDto, description: 'The Organization Tree the caller may see' })
  @ApiProblems(422)
  tree(@CurrentActor() actor: RequestActor): Promise<GroupTreeReply> {
    return this.org.send(OrgPatterns.groupTreeGet, {
      actor: toActor(actor),
    } satisfies GetGroupTreeQuery);
  }

  /** Declared before `:id`, which would take "roots" for an id. */
  @Get('roots')
  @ApiOkResponse({
    type: GroupSummaryPageDto,
    description:
      'The top of the tree the caller may see, one page by name: the top-level groups, or an Administrator’s own groups',
  })
  @ApiProblems(400)
  roots(
    @CurrentActor() actor: RequestActor,
    @Query() page: PageQueryDto,
  ): Promise<Page<GroupSummary>> {
    return this.level(actor, page);
  }

  /** Declared before `:id`, which would take "search" for an id. */
  @Get('search')
  @ApiOperation({
    summary: 'Search groups by name',
    description:
      'The groups in the caller’s scope whose name contains `q` (any case; none: every group), or those of `ids`, by name, one page at a time, each with its path: what a group picker shows. Reads a page, never the whole tree.',
  })
  @ApiOkResponse({ type: GroupMatchPageDto })
  @ApiProblems(400)
  search(
    @CurrentActor() actor: RequestActor,
    @Query() query: SearchGroupsQueryDto,
  ): Promise<Page<GroupMatch>> {
    return this.org.send(OrgPatterns.groupSearch, {
      actor: toActor(actor),
      q: query.q,
      ids: query.ids,
      limit: query.limit,
      cursor: query.cursor,
    } satisfies SearchGroupsQuery);
  }

  @Post()
  @ApiCreatedResponse({ type: GroupDto })
  @ApiProblems(400, 404)
  create(@CurrentActor() actor: RequestActor, @Body() body: CreateGroupBody): Promise<GroupView> {
    return this.org.send(OrgPatterns.groupCreate, {
      ...body,
      actor: toActor(actor),
    } satisfies CreateGroupCommand);
  }

  @Get(':id')
  @ApiOkResponse({ type: GroupDto })
  @ApiProblems(400, 404)
  get(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<GroupView> {
    return this.org.send(OrgPatterns.groupGet, {
      actor: toActor(actor),
      groupId: id,
    } satisfies GetGroupQuery);
  }

  @Patch(':id')
  @ApiOkResponse({ type: GroupDto })
  @ApiProblems(400, 404)
  update(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Body() body: UpdateGroupBody,
  ): Promise<GroupView> {
    return this.org.send(OrgPatterns.groupUpdate, {
      ...body,
      actor: toActor(actor),
      groupId: id,
    } satisfies UpdateGroupCommand);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async delete(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<void> {
    await this.org.send(OrgPatterns.groupDelete, {
      actor: toActor(actor),
      groupId: id,
    } satisfies DeleteGroupCommand);
  }

  @Get(':id/children')
  @ApiOkResponse({
    type: GroupSummaryPageDto,
    description: 'A group’s sub-groups, one page by name',
  })
  @ApiProblems(400, 404)
  children(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<GroupSummary>> {
    return this.level(actor, page, id);
  }

  /** One level of the tree: a group's sub-groups, or without `parentId` the top. */
  private level(
    actor: RequestActor,
    page: PageQueryDto,
    parentId?: string,
  ): Promise<Page<GroupSummary>> {
    return this.org.send(OrgPatterns.groupChildrenList, {
      actor: toActor(actor),
      parentId,
      limit: page.limit,
      cursor: page.cursor,
    } satisfies ListGroupChildrenQuery);
  }

  @Get(':id/technicians')
  @ApiOkResponse({ type: TechnicianPageDto })
  @ApiProblems(400, 404)
  technicians(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<TechnicianView>> {
    return this.org.send(OrgPatterns.technicianList, {
      actor: toActor(actor),
      groupId: id,
      limit: page.limit,
      cursor: page.cursor,
    } satisfies ListTechniciansQuery);
  }

  @Post(':id/technicians')
  @ApiCreatedResponse({ type: TechnicianDto })
  @ApiProblems(400, 404, 409, 422)
  @ApiIdempotencyKey('technician')
  createTechnician(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Body() body: CreateTechnicianBody,
    @IdempotencyKey() idempotencyKey: string,
  ): Promise<TechnicianView> {
    const { password, ...fields } = body;
    return this.sealer.withSealed(password, (sealedPassword) =>
      this.org.send<TechnicianView>(OrgPatterns.technicianCreate, {
        ...fields,
        actor: toActor(actor),
        groupId: id,
        sealedPassword,
        idempotencyKey,
      } satisfies CreateTechnicianCommand),
    );
  }
}
