import { ScimError, scimPatch, ScimPatchOperation } from 'scim-patch';
import { ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';
import { invalidValue, isObject } from './scim-user-values';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** The most operations one PATCH may carry (ServiceProviderConfig says so). */
export const SCIM_MAX_OPERATIONS = 100;
/** The most operations those become once values to remove and filtered keys are apart. */
const SCIM_MAX_EXPANDED_OPERATIONS = 1_000;

/**
 * A resource after a PATCH request (RFC 7644 §3.5.2), applied by `scim-patch`: paths with
 * value filters (`emails[type eq "work"].value`, `members[value eq "…"]`), path-less values
 * with dotted keys, and Entra ID's capitalised operations ("Replace"). What the library
 * refuses is 400 with its scimType (invalidPath, noTarget, invalidValue); `id` and `meta`
 * cannot change (mutability).
 */
export function applyScimPatch<T extends { id: string }>(resource: T, body: unknown): T {
  if (!isObject(body) || !Array.isArray(body.Operations))
    throw invalidValue('a PATCH body has "Operations", a list', 'Operations');
  if (body.Operations.length > SCIM_MAX_OPERATIONS)
    throw invalidValue(`at most ${SCIM_MAX_OPERATIONS} operations`, 'Operations');
  const operations = body.Operations.map((operation: unknown): ScimPatchOperation => {
    if (!isObject(operation) || typeof operation.op !== 'string')
      throw invalidValue('each operation has an "op"', 'Operations');
    if (operation.path !== undefined && typeof operation.path !== 'string')
      throw invalidValue('an operation\'s "path" is a string', 'Operations');
    if (typeof operation.path === 'string' && operation.path.length > 512)
      throw invalidValue('an operation\'s "path" is at most 512 characters', 'Operations');
    return { ...operation, op: operation.op.toLowerCase() } as ScimPatchOperation;
  })
    .flatMap(removalsByValue)
    .flatMap(filteredKeysApart);
  if (operations.length > SCIM_MAX_EXPANDED_OPERATIONS)
    throw invalidValue(
      `at most ${SCIM_MAX_EXPANDED_OPERATIONS} values to remove or filtered keys in one PATCH`,
      'Operations',
    );
  let patched: T;
  try {
    patched = scimPatch(structuredClone(resource) as never, operations);
  } catch (err) {
    if (err instanceof ScimError)
      throw new ProblemException(ErrorCodes.VALIDATION_FAILED, 'the PATCH cannot be applied', [], {
        scimType: err.scimCode ?? 'invalidValue',
      });
    throw invalidValue('the PATCH cannot be applied');
  }
  if (patched.id !== resource.id)
    throw new ProblemException(ErrorCodes.VALIDATION_FAILED, 'id cannot change', [], {
      scimType: 'mutability',
    });
  return patched;
}

/**
 * Entra ID without `aadOptscim062020` removes members by listing them in `value` under a path
 * without a filter (`{"op":"Remove","path":"members","value":[{"value":"…"}]}`), which
 * `scim-patch` ignores: it becomes one filtered removal per value, as Entra ID sends with the
 * flag (`members[value eq "…"]`).
 */
function removalsByValue(operation: ScimPatchOperation): ScimPatchOperation[] {
  const { path, value } = operation as { path?: string; value?: unknown };
  if (operation.op !== 'remove' || !path || path.includes('[') || !Array.isArray(value))
    return [operation];
  return value.map((item) => {
    if (!isObject(item) || typeof item.value !== 'string')
      throw invalidValue('each value to remove has a string "value"', 'Operations');
    return { op: 'remove', path: `${path}[value eq ${JSON.stringify(item.value)}]` };
  });
}

/**
 * A path-less value whose keys hold a value filter (`{"emails[type eq \"work\"].value": "…"}`)
 * would be kept by `scim-patch` as an attribute of that literal name: each such key becomes
 * an operation of its own, with the key as its path.
 */
function filteredKeysApart(operation: ScimPatchOperation): ScimPatchOperation[] {
  const { path, value } = operation as { path?: string; value?: unknown };
  if (path !== undefined || !isObject(value)) return [operation];
  const filtered = Object.keys(value).filter((key) => key.includes('['));
  if (filtered.length === 0) return [operation];
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !key.includes('[')));
  return [
    ...(Object.keys(rest).length > 0 ? [{ ...operation, value: rest } as ScimPatchOperation] : []),
    ...filtered.map((key) => ({ op: operation.op, path: key, value: value[key] })),
  ];
}
