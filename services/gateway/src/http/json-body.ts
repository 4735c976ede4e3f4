import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { problemBody, sendProblem } from '../problem/problem.filter';

/** JSON bodies of this API are small; uploads take their own route with their own limit. */
export const JSON_BODY_LIMIT = '64kb';

/** No body of this API nests deeper than a few levels; validators recurse, so depth is bounded here. */
export const JSON_MAX_DEPTH = 32;

/** Keys that name an object's machinery: refused wherever they appear (validators would drop them silently). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonShapeProblem = { kind: 'too-deep' } | { kind: 'forbidden-key'; path: string };

/**
 * What is wrong with the shape of a parsed value: nested deeper than JSON_MAX_DEPTH, or
 * holding a forbidden key. Walked without recursion (the value may be huge).
 */
export function jsonShapeProblem(value: unknown): JsonShapeProblem | undefined {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [item, depth, path] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > JSON_MAX_DEPTH) return { kind: 'too-deep' };
    for (const key of Object.keys(item)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', path: childPath };
      stack.push([(item as Record<string, unknown>)[key], depth + 1, childPath]);
    }
  }
  return undefined;
}

/** Sends the problem of a badly shaped body or query; true when it did. */
function refuseBadShape(value: unknown, response: Response, where: 'body' | 'query'): boolean {
  const problem = jsonShapeProblem(value);
  if (!problem) return false;
  if (problem.kind === 'too-deep') {
    sendProblem(
      response,
      problemBody(ErrorCodes.MALFORMED_JSON, `JSON bodies nest at most ${JSON_MAX_DEPTH} levels`),
    );
  } else {
    sendProblem(
      response,
      problemBody(ErrorCodes.VALIDATION_FAILED, `property ${problem.path} should not exist`, [
        {
          field: problem.path,
          code: 'UNKNOWN_FIELD',
          message: `${where} property ${problem.path} should not exist`,
        },
      ]),
    );
  }
  return true;
}

/**
 * Express's JSON parser, with its failures answered here as problem+json (Nest would turn
 * them into a bare 400 and lose which failure it was), and the shape of what it parsed
 * (and of the query) checked before any validator walks it.
 */
export function useJsonBodies(app: NestExpressApplication): void {
  // SCIM clients send application/scim+json (RFC 7644 §3.1): JSON too.
  const parse = express.json({
    limit: JSON_BODY_LIMIT,
    strict: true,
    type: ['application/json', 'application/scim+json'],
  });
  app.use((request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (err?: unknown) => {
      if (!err) {
        if (refuseBadShape(request.body, response, 'body')) return;
        if (refuseBadShape(request.query, response, 'query')) return;
        return next();
      }
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') {
        return sendProblem(
          response,
          problemBody(
            ErrorCodes.PAYLOAD_TOO_LARGE,
            `JSON bodies are limited to ${JSON_BODY_LIMIT}`,
          ),
        );
      }
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
        return sendProblem(
          response,
          problemBody(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, 'send the body as UTF-8 JSON'),
        );
      }
      sendProblem(response, problemBody(ErrorCodes.MALFORMED_JSON, 'the body is not valid JSON'));
    }),
  );
}
