import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { Public } from '../auth/auth.decorators';
import { ProblemException } from '../problem/problem.exception';
import { scimFilter } from './scim-filter';
import { flattenTree, groupFieldsOf, ScimGroup, toScimGroup } from './scim-group';
import { ScimGroupsDirectory } from './scim-groups.directory';
import { listResponse, pageOf, project, ScimListQuery } from './scim-list';
import { applyScimPatch } from './scim-patch';
import { ScimRequest, ScimTokenGuard } from './scim-token.guard';
import { baseUrl, send } from './scim-http';

/**
 * SCIM Groups (RFC 7644) as the Technician Groups of the token's subtree. A technician is in
 * one group: adding a member moves it there, removing it moves it back to the token's group;
 * one member that cannot move never fails the rest. A displayName is unique among the groups
 * a token sees (Entra ID matches existing groups by it).
 */
@ApiExcludeController()
@Public()
@UseGuards(ScimTokenGuard)
@Controller('scim/v2/Groups')
export class ScimGroupsController {
  constructor(private readonly directory: ScimGroupsDirectory) {}

  @Get()
  async list(
    @Req() request: ScimRequest,
    @Query() query: ScimListQuery,
    @Res() response: Response,
  ) {
    const base = baseUrl(request);
    const test = query.filter ? scimFilter(String(query.filter)) : () => true;
    const withMembers = wantsMembers(query);
    const groups = flattenTree(await this.directory.tree(request.scim))
      .map((group) => toScimGroup(group, base))
      .filter(test);
    const { startIndex, count } = pageOf(query);
    const page = listResponse(groups, startIndex, count);
    const resources = await Promise.all(
      page.Resources.map(async (group) =>
        project(withMembers ? await this.withMembers(request, group) : group, query),
      ),
    );
    send(response, 200, { ...page, Resources: resources });
  }

  @Get(':id')
  async get(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Query() query: ScimListQuery,
    @Res() response: Response,
  ) {
    const group = toScimGroup(await this.directory.group(request.scim, id), baseUrl(request));
    send(
      response,
      200,
      project(wantsMembers(query) ? await this.withMembers(request, group) : group, query),
    );
  }

  @Post()
  async create(@Req() request: ScimRequest, @Body() body: unknown, @Res() response: Response) {
    const { displayName, members } = groupFieldsOf(body);
    const made = await this.directory.create(request.scim, displayName);
    if (members) await this.directory.setMembers(request.scim, made.id, [], members);
    const group = await this.withMembers(request, toScimGroup(made, baseUrl(request)));
    response.setHeader('Location', group.meta.location);
    send(response, 201, group);
  }

  @Put(':id')
  async replace(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ) {
    const { displayName, members } = groupFieldsOf(body);
    const current = await this.withMembers(
      request,
      toScimGroup(await this.directory.group(request.scim, id), baseUrl(request)),
    );
    await this.change(request, current, {
      ...current,
      displayName,
      members: (members ?? []).map((value) => ({ value })),
    });
    await this.get(request, id, {}, response);
  }

  @Patch(':id')
  async patch(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ) {
    const current = await this.withMembers(
      request,
      toScimGroup(await this.directory.group(request.scim, id), baseUrl(request)),
    );
    await this.change(request, current, applyScimPatch(current, body));
    await this.get(request, id, {}, response);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Req() request: ScimRequest, @Param('id') id: string): Promise<void> {
    await this.directory.delete(request.scim, id);
  }

  /** Renames and moves members from `before` to `after`. */
  private async change(request: ScimRequest, before: ScimGroup, after: ScimGroup): Promise<void> {
    if (typeof after.displayName !== 'string' || after.displayName.trim() === '')
      throw new ProblemException(ErrorCodes.VALIDATION_FAILED, 'displayName is required', [], {
        scimType: 'invalidValue',
      });
    if (after.displayName !== before.displayName)
      await this.directory.rename(request.scim, before.id, after.displayName);
    const ids = (group: ScimGroup) => (group.members ?? []).map((member) => String(member.value));
    await this.directory.setMembers(request.scim, before.id, ids(before), ids(after));
  }

  private async withMembers(request: ScimRequest, group: ScimGroup): Promise<ScimGroup> {
    const members = await this.directory.members(request.scim, group.id);
    return { ...toScimGroup({ id: group.id, name: group.displayName }, baseUrl(request), members) };
  }
}

function wantsMembers(query: ScimListQuery): boolean {
  const excluded = String(query.excludedAttributes ?? '')
    .toLowerCase()
    .split(',')
    .map((n) => n.trim());
  const wanted = String(query.attributes ?? '')
    .toLowerCase()
    .split(',')
    .map((n) => n.trim());
  if (excluded.includes('members')) return false;
  return (
    query.attributes === undefined ||
    wanted.some((name) => name === 'members' || name.startsWith('members.'))
  );
}
