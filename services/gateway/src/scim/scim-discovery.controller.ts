import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { Public } from '../auth/auth.decorators';
import { ProblemException } from '../problem/problem.exception';
import { listResponse } from './scim-list';
import { RESOURCE_TYPES, SCHEMAS, SERVICE_PROVIDER_CONFIG } from './scim-schemas';
import { ScimRequest, ScimTokenGuard } from './scim-token.guard';
import { baseUrl, send } from './scim-http';

/** What this SCIM service supports (RFC 7644 §4), with absolute locations. */
@ApiExcludeController()
@Public()
@UseGuards(ScimTokenGuard)
@Controller('scim/v2')
export class ScimDiscoveryController {
  @Get('ServiceProviderConfig')
  config(@Req() request: ScimRequest, @Res() response: Response): void {
    send(response, 200, located(SERVICE_PROVIDER_CONFIG, request));
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: ScimRequest, @Res() response: Response): void {
    const all = RESOURCE_TYPES.map((type) => located(type, request));
    send(response, 200, listResponse(all, 1, all.length));
  }

  @Get('ResourceTypes/:id')
  resourceType(
    @Req() request: ScimRequest,
    @Param('id') id: string,
    @Res() response: Response,
  ): void {
    const type = RESOURCE_TYPES.find((t) => t.id === id);
    if (!type) throw notFound();
    send(response, 200, located(type, request));
  }

  @Get('Schemas')
  schemas(@Req() request: ScimRequest, @Res() response: Response): void {
    const all = SCHEMAS.map((schema) => located(schema, request));
    send(response, 200, listResponse(all, 1, all.length));
  }

  @Get('Schemas/:id')
  schema(@Req() request: ScimRequest, @Param('id') id: string, @Res() response: Response): void {
    const schema = SCHEMAS.find((s) => s.id === id);
    if (!schema) throw notFound();
    send(response, 200, located(schema, request));
  }
}

function located<T extends { meta: { location: string } }>(resource: T, request: ScimRequest): T {
  return {
    ...resource,
    meta: { ...resource.meta, location: baseUrl(request) + resource.meta.location },
  };
}

function notFound() {
  return new ProblemException(ErrorCodes.NOT_FOUND, 'no such resource');
}
