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
  const fields = problem.errors.map((e) => `${e.field}: ${e.message} (${e.code})`).join('; ');
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(scimStatus(problem.status)),
    ...(scimType ? { scimType } : {}),
    detail: fields ? `${problem.detail} (${fields})` : problem.detail,
  };
}

/** SCIM has no 422: a value refused (a password under the policy) is 400 invalidValue (RFC 7644 §3.12). */
function scimStatus(status: number): number {
  return status === 422 ? 400 : status;
}

export function sendScimError(
  response: Response,
  problem: ProblemBody,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response
    .status(scimStatus(problem.status))
    .type(SCIM_MEDIA_TYPE)
    .send(JSON.stringify(scimErrorBody(problem)));
}
