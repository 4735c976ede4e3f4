import type { Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import type { ProblemBody } from './problem.filter';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/** The SCIM API's paths: its answers, errors included, are SCIM's (RFC 7644 §3.12). */
const SCIM_PATH = /^\/scim(?:\/|$)/i;

export function isScimPath(path: string | undefined): boolean {
  return path !== undefined && SCIM_PATH.test(path);
}

/** RFC 7644 §3.12 scimType of our codes, where one fits (a SCIM client acts on it). */
const SCIM_TYPES: Partial<Record<string, string>> = {
  [ErrorCodes.EMAIL_TAKEN]: 'uniqueness',
  [ErrorCodes.CONFLICT]: 'uniqueness',
  [ErrorCodes.VALIDATION_FAILED]: 'invalidValue',
  [ErrorCodes.PASSWORD_POLICY]: 'invalidValue',
  [ErrorCodes.MALFORMED_JSON]: 'invalidSyntax',
};

/**
 * A problem as the SCIM error schema: `status` a string, `scimType` where one applies, and
 * the detail (with the fields concerned, if any). A problem may name its scimType itself
 * (`scimType` extension: invalidFilter, mutability, …).
 */
export function scimErrorBody(problem: ProblemBody): Record<string, unknown> {
  const scimType =
    typeof problem.scimType === 'string' ? problem.scimType : SCIM_TYPES[problem.code];
  const fields = problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(problem.status),
    ...(scimType ? { scimType } : {}),
    detail: fields ? `${problem.detail} (${fields})` : problem.detail,
  };
}

export function sendScimError(
  response: Response,
  problem: ProblemBody,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response
    .status(problem.status)
    .type(SCIM_MEDIA_TYPE)
    .send(JSON.stringify(scimErrorBody(problem)));
}
