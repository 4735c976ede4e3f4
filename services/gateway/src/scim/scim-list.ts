import { ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** The most resources one page holds (ServiceProviderConfig says so). */
export const SCIM_MAX_RESULTS = 200;

/** The query of a SCIM list (RFC 7644 §3.4.2); anything else in the query is tolerated (`aadOptscim062020`). */
export interface ScimListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  attributes?: string;
  excludedAttributes?: string;
}

/** 1-based `startIndex` (less than 1 is 1) and `count` (0 to SCIM_MAX_RESULTS, default the most). */
export function pageOf(query: ScimListQuery): { startIndex: number; count: number } {
  const startIndex = Math.max(1, integer(query.startIndex, 'startIndex') ?? 1);
  const count = Math.min(
    SCIM_MAX_RESULTS,
    Math.max(0, integer(query.count, 'count') ?? SCIM_MAX_RESULTS),
  );
  return { startIndex, count };
}

export function listResponse<T>(all: T[], startIndex: number, count: number) {
  const resources = all.slice(startIndex - 1, startIndex - 1 + count);
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: all.length,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * A resource with only the attributes asked for (`attributes`), or without those refused
 * (`excludedAttributes`); `schemas` and `id` are always returned. Names are
 * case-insensitive; a sub-attribute is `name.givenName`.
 */
export function project(
  resource: object,
  query: Pick<ScimListQuery, 'attributes' | 'excludedAttributes'>,
): Record<string, unknown> {
  const wanted = names(query.attributes);
  const unwanted = names(query.excludedAttributes);
  if (!wanted && !unwanted) return resource as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas' || lower === 'id') out[key] = value;
    else if (wanted) {
      if (wanted.has(lower)) out[key] = value;
      else {
        const subs = [...wanted]
          .filter((n) => n.startsWith(`${lower}.`))
          .map((n) => n.slice(lower.length + 1));
        if (subs.length && value && typeof value === 'object' && !Array.isArray(value))
          out[key] = Object.fromEntries(
            Object.entries(value as Record<string, unknown>).filter(([sub]) =>
              subs.includes(sub.toLowerCase()),
            ),
          );
      }
    } else if (!unwanted!.has(lower)) out[key] = value;
  }
  return out;
}

function names(list: string | undefined): Set<string> | undefined {
  if (list === undefined || list.trim() === '') return undefined;
  return new Set(list.split(',').map((name) => name.trim().toLowerCase()));
}

function integer(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,9}$/.test(value))
    throw new ProblemException(
      ErrorCodes.VALIDATION_FAILED,
      `${field} must be an integer`,
      [{ field, code: 'INVALID', message: 'must be an integer' }],
      { scimType: 'invalidValue' },
    );
  return Number(value);
}
