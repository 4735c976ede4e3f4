import type { HeaderObject, OpenAPIObject, PathItemObject, ResponseObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const PROBLEM = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
};

/** The CORS header, under components.headers: sent only when CORS_ORIGINS names the caller's origin. */
export const CORS_HEADERS: Record<string, HeaderObject> = {
  'Access-Control-Allow-Origin': {
    description:
      'The calling origin, when it is one of CORS_ORIGINS; absent otherwise (CORS is closed ' +
      'unless configured).',
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
};

/** Every operation's answers, whatever its controller says. */
export function forEachOperationResponses(
  document: OpenAPIObject,
  visit: (responses: Record<string, ResponseObject>) => void,
): void {
  for (const pathItem of Object.values<PathItemObject>(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (operation) visit(operation.responses as Record<string, ResponseObject>);
    }
  }
}

/**
 * What any operation can answer besides its own outcomes: 400 for a body or query the
 * gateway cannot read (malformed JSON, forbidden keys, refused before any controller) and
 * 500 INTERNAL_ERROR, each as problem+json.
 */
export function documentCommonErrors(document: OpenAPIObject): OpenAPIObject {
  forEachOperationResponses(document, (responses) => {
    responses['400'] ??= {
      description: 'MALFORMED_JSON or VALIDATION_FAILED: a body or query that cannot be read',
      content: PROBLEM,
    };
    responses['500'] ??= { description: 'INTERNAL_ERROR: an unexpected error', content: PROBLEM };
  });
  return document;
}

/** The CORS header on every answer (sent only to the origins of CORS_ORIGINS). */
export function documentCors(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, ...CORS_HEADERS },
  };
  forEachOperationResponses(document, (responses) => {
    for (const response of Object.values(responses)) {
      response.headers = {
        ...response.headers,
        'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
      };
    }
  });
  return document;
}
