import { Filter, parse, Tester } from 'scim2-parse-filter';
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
  const tester = new ElementwiseTester();
  return (resource) => tester.test(folded(resource, ''), ast);
}

/**
 * `scim2-parse-filter`'s tester with a value path that tests each value of a multi-valued
 * attribute on its own: the library's tests the list as a whole, each comparison against any
 * value, so that `emails[type eq "work" and value eq "…"]` matched a work email beside another
 * of that value.
 */
export class ElementwiseTester extends Tester {
  override test(resource: unknown, filter: Filter): boolean {
    if (filter.op !== '[]') return super.test(resource, filter);
    const { attrPath, valFilter } = filter;
    return this.attrTest(this.attrPath(attrPath), resource, (value: unknown) =>
      (Array.isArray(value) ? value : [value]).some((item) => this.test(item, valFilter)),
    );
  }
}

export function parseScimFilter(text: string): Filter {
  if (text.length > SCIM_FILTER_MAX_LENGTH)
    throw invalidFilter(`a filter is at most ${SCIM_FILTER_MAX_LENGTH} characters`);
  const rewritten = subAttributesInValuePaths(text);
  if (nesting(rewritten) > SCIM_FILTER_MAX_DEPTH)
    throw invalidFilter(`a filter nests at most ${SCIM_FILTER_MAX_DEPTH} levels`);
  let ast: Filter;
  try {
    ast = parse(rewritten);
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

/** A sub-attribute and its comparison right after a value path: `.value eq "…"`, `.value pr`. */
const SUB_ATTRIBUTE_COMPARISON =
  /\.([A-Za-z][\w-]*)\s+(pr\b|(?:eq|ne|co|sw|ew|gt|lt|ge|le)\s+(?:"(?:[^"\\]|\\.)*"|[^\s()[\]"]+))/iy;

/**
 * `emails[type eq "work"].value eq "…"` (Entra ID's lookup of a work email) as the value path
 * it means, `emails[(type eq "work") and value eq "…"]`: `scim2-parse-filter` reads it as
 * `emails[type eq "work"] and emails.value eq "…"`, which a User with a work email would
 * match by any other of its emails. Quoted strings are left as they are; what does not read
 * as a comparison is left to the parser.
 */
export function subAttributesInValuePaths(text: string): string {
  let out = '';
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = closingQuote(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (char === '[') {
      opens.push(out.length);
      out += char;
    } else if (char === ']') {
      const open = opens.pop();
      SUB_ATTRIBUTE_COMPARISON.lastIndex = i + 1;
      const match = SUB_ATTRIBUTE_COMPARISON.exec(text);
      if (open === undefined || !match) out += char;
      else {
        const inner = out.slice(open + 1);
        out = `${out.slice(0, open + 1)}(${inner}) and ${match[1]} ${match[2]}]`;
        i += match[0].length;
      }
    } else out += char;
  }
  return out;
}

/** Where the string opened at `start` closes (its last character if it does not). */
function closingQuote(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
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
