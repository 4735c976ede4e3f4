import { filter as tester, Filter, parse } from 'scim2-parse-filter';
import { ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';

/** A filter longer than this is refused (no directory sends one near it). */
export const SCIM_FILTER_MAX_LENGTH = 2048;
/** Nor one nested deeper than this (parentheses and value paths). */
export const SCIM_FILTER_MAX_DEPTH = 16;

/**
 * Attributes compared without regard to case (RFC 7643: `caseExact` false), by their path in
 * lower case. `externalId` and `id` are case-exact.
 */
const CASE_INSENSITIVE = new Set([
  'username',
  'emails.value',
  'emails',
  'displayname',
  'nickname',
  'name.formatted',
  'name.givenname',
  'name.familyname',
]);

/**
 * A SCIM filter (RFC 7644 §3.4.2.2) as a test of resources: parsed by `scim2-parse-filter`,
 * with attribute names compared case-insensitively and, for the attributes that are not
 * case-exact, their values too (the library compares both exactly). A filter that does not
 * parse, or is too long or deep, is 400 `invalidFilter`.
 */
export function scimFilter(text: string): (resource: object) => boolean {
  const ast = parseScimFilter(text);
  const test = tester(ast);
  return (resource) => test(folded(resource, ''));
}

export function parseScimFilter(text: string): Filter {
  if (text.length > SCIM_FILTER_MAX_LENGTH)
    throw invalidFilter(`a filter is at most ${SCIM_FILTER_MAX_LENGTH} characters`);
  if (nesting(text) > SCIM_FILTER_MAX_DEPTH)
    throw invalidFilter(`a filter nests at most ${SCIM_FILTER_MAX_DEPTH} levels`);
  let ast: Filter;
  try {
    ast = parse(text);
  } catch {
    // The parser's own message echoes the input; ours does not.
    throw invalidFilter('the filter is not a SCIM filter (RFC 7644 §3.4.2.2)');
  }
  return foldFilter(ast, '');
}

/** The filter with its paths in lower case and its values folded where the attribute is not case-exact. */
function foldFilter(ast: Filter, prefix: string): Filter {
  switch (ast.op) {
    case 'and':
    case 'or':
      return { ...ast, filters: ast.filters.map((f) => foldFilter(f, prefix)) };
    case 'not':
      return { ...ast, filter: foldFilter((ast as { filter: Filter }).filter, prefix) };
    case '[]': {
      const valuePath = ast as { attrPath: string; valFilter: Filter };
      const attrPath = valuePath.attrPath.toLowerCase();
      return {
        ...ast,
        attrPath,
        valFilter: foldFilter(valuePath.valFilter, `${attrPath}.`),
      };
    }
    default: {
      const compare = ast as { attrPath: string; compValue?: unknown };
      const attrPath = compare.attrPath.toLowerCase();
      const compValue =
        typeof compare.compValue === 'string' && CASE_INSENSITIVE.has(prefix + attrPath)
          ? compare.compValue.toLowerCase()
          : compare.compValue;
      return { ...ast, attrPath, ...('compValue' in compare ? { compValue } : {}) } as Filter;
    }
  }
}

/** A resource with its keys in lower case and its not-case-exact string values folded. */
function folded(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item) => folded(item, path));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const lower = key.toLowerCase();
      out[lower] = folded(item, path ? `${path}.${lower}` : lower);
    }
    return out;
  }
  return typeof value === 'string' && CASE_INSENSITIVE.has(path) ? value.toLowerCase() : value;
}

/** How deep the parentheses and brackets of a filter go, outside its quoted strings. */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '(' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === ')' || char === ']') depth--;
  }
  return deepest;
}

export function invalidFilter(detail: string) {
  return new ProblemException(ErrorCodes.VALIDATION_FAILED, detail, [], {
    scimType: 'invalidFilter',
  });
}
