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
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import {
  CreateTechnicianCommand,
  DeleteTechnicianCommand,
  ErrorCodes,
  GetTechnicianQuery,
  ListTechniciansQuery,
  OrgPatterns,
  TechnicianView,
  UpdateTechnicianCommand,
} from '@app/contracts';
import { InjectRpcClient, PasswordSealer, RpcCallError, RpcClient } from '@app/platform';
import { Public } from '../auth/auth.decorators';
import { ProblemException } from '../problem/problem.exception';
import { scimFilter } from './scim-filter';
import { baseUrl, send } from './scim-http';
import { listResponse, pageOf, project, ScimListQuery } from './scim-list';
import { applyScimPatch } from './scim-patch';
import { allTechnicians } from './scim-technicians';
import { scimActor, ScimRequest, ScimTokenGuard } from './scim-token.guard';
import { passwordOf, technicianFieldsOf, TechnicianFieldsOfUser, toScimUser } from './scim-user';

/**
 * SCIM Users (RFC 7644) as technicians of the token's subtree, through org's own commands
 * (validation, idempotency, scope, events): the token acts as an Administrator of its group.
 */
@ApiExcludeController()
@Public()
@UseGuards(ScimTokenGuard)
@Controller('scim/v2/Users')
export class ScimUsersController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly sealer: PasswordSealer,
  ) {}

  @Get()
  async list(
    @Req() request: ScimRequest,
    @Query() query: ScimListQuery,
    @Res() response: Response,
  ) {
    const test = query.filter ? scimFilter(String(query.filter)) : () => true;
    const base = baseUrl(request);
    // Narrowed in org where the filter allows; the SCIM filter decides the rest.
    const users = (
      await allTechnicians(this.org, request.scim, {
        ...narrowing(query.filter),
        withDirectory: true,
      })
    )
      .map((technician) => toScimUser(technician, base))
      .filter(test);
    const { startIndex, count } = pageOf(query);
    const page = listResponse(users, startIndex, count);
    send(response, 200, { ...page, Resources: page.Resources.map((user) => project(user, query)) });
  }

  @Get(':id')
  async get(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Query() query: ScimListQuery,
    @Res() response: Response,
  ) {
    const technician = await this.technician(request, id);
    send(response, 200, project(toScimUser(technician, baseUrl(request)), query));
  }

  @Post()
  async create(@Req() request: ScimRequest, @Body() body: unknown, @Res() response: Response) {
    const fields = technicianFieldsOf(body);
    const password = passwordOf(body as Record<string, unknown>);
    const create = (sealedPassword?: string) =>
      this.org.send<TechnicianView>(OrgPatterns.technicianCreate, {
        ...fields,
        actor: scimActor(request.scim),
        groupId: request.scim.groupId,
        ...(sealedPassword === undefined ? {} : { sealedPassword }),
        // A directory repeats a POST after a lost answer: the second finds the userName
        // taken (409 uniqueness), which both directories take as "already there".
        idempotencyKey: `auto:${randomUUID()}`,
      } satisfies CreateTechnicianCommand);
    // Without a password, none is made up: the technician has none (identity keeps no hash).
    const technician =
      password === undefined ? await create() : await this.sealer.withSealed(password, create);
    // Org keeps the directory's attributes exactly as sent: the User is what was sent.
    const user = toScimUser({ ...technician, directory: fields.directory }, baseUrl(request));
    response.setHeader('Location', user.meta.location);
    send(response, 201, user);
  }

  @Put(':id')
  async replace(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ) {
    await this.technician(request, id);
    send(
      response,
      200,
      toScimUser(await this.update(request, id, technicianFieldsOf(body)), baseUrl(request)),
    );
  }

  @Patch(':id')
  async patch(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ) {
    const base = baseUrl(request);
    const current = toScimUser(await this.technician(request, id), base);
    const patched = applyScimPatch(current, body);
    send(
      response,
      200,
      toScimUser(await this.update(request, id, technicianFieldsOf(patched)), base),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Req() request: ScimRequest, @Param('id') id: string): Promise<void> {
    await this.technician(request, id);
    await this.org.send(OrgPatterns.technicianDelete, {
      actor: scimActor(request.scim),
      technicianId: id,
    } satisfies DeleteTechnicianCommand);
  }

  /** A technician in the token's subtree; anything else (a malformed id included) is 404. */
  private async technician(request: ScimRequest, id: string): Promise<TechnicianView> {
    if (!isUUID(id)) throw userNotFound();
    try {
      return await this.org.send<TechnicianView>(OrgPatterns.technicianGet, {
        actor: scimActor(request.scim),
        technicianId: id,
        withDirectory: true,
      } satisfies GetTechnicianQuery);
    } catch (err) {
      if (err instanceof RpcCallError && err.code === ErrorCodes.FORBIDDEN_GROUP)
        throw userNotFound();
      throw err;
    }
  }

  /** Changes the technician; the directory's attributes are replaced by what was sent. */
  private async update(
    request: ScimRequest,
    id: string,
    fields: TechnicianFieldsOfUser,
  ): Promise<TechnicianView> {
    const updated = await this.org.send<TechnicianView>(OrgPatterns.technicianUpdate, {
      ...fields,
      actor: scimActor(request.scim),
      technicianId: id,
    } satisfies UpdateTechnicianCommand);
    return { ...updated, directory: fields.directory };
  }
}

/**
 * What org can narrow a list to: a filter that is exactly `userName eq "…"` (Entra ID's and
 * Okta's lookup) or `externalId eq "…"`. The SCIM filter still decides what matches.
 */
function narrowing(filter: unknown): Pick<ListTechniciansQuery, 'email' | 'externalId'> {
  if (typeof filter !== 'string') return {};
  const match = /^\s*(username|externalid)\s+eq\s+"((?:[^"\\]|\\.){1,254})"\s*$/i.exec(filter);
  if (!match) return {};
  let value: string;
  try {
    value = JSON.parse(`"${match[2]}"`) as string;
  } catch {
    return {}; // the filter itself is refused or matches nothing
  }
  return match[1].toLowerCase() === 'username' ? { email: value.trim() } : { externalId: value };
}

function userNotFound() {
  return new ProblemException(ErrorCodes.TECHNICIAN_NOT_FOUND, 'no such User');
}
