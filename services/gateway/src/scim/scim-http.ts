import type { Response } from 'express';
import { SCIM_MEDIA_TYPE } from '../problem/scim-error';
import type { ScimRequest } from './scim-token.guard';

/** The SCIM API's absolute base, for `meta.location` and Location headers. */
export function baseUrl(request: ScimRequest): string {
  return `${request.protocol}://${request.get('host')}/scim/v2`;
}

/** A SCIM answer: application/scim+json. */
export function send(response: Response, status: number, body: unknown): void {
  response.status(status).type(SCIM_MEDIA_TYPE).send(JSON.stringify(body));
}
