import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { getMetadataStorage } from 'class-validator';
import {
  CreateAdministratorBody,
  UpdateAdministratorBody,
} from '../../services/gateway/src/administrators/dto/administrator.dto';
import { ChangePasswordDto } from '../../services/gateway/src/auth/dto/change-password.dto';
import { LoginDto } from '../../services/gateway/src/auth/dto/login.dto';
import { CreateGroupBody, UpdateGroupBody } from '../../services/gateway/src/groups/dto/group.dto';
import { SearchGroupsQueryDto } from '../../services/gateway/src/groups/dto/group-search.dto';
import { PageQueryDto } from '../../services/gateway/src/http/page-query.dto';
import {
  ImportItemsQueryDto,
  TemplateQueryDto,
  UploadImportFields,
} from '../../services/gateway/src/imports/dto/import.dto';
import { CreateServicePrincipalBody } from '../../services/gateway/src/service-principals/dto/service-principal.dto';
import { PasswordPolicyDto } from '../../services/gateway/src/settings/password-policy.dto';
import {
  CreateTechnicianBody,
  ListTechniciansQueryDto,
  MoveTechnicianBody,
  SetPasswordBody,
  UpdateTechnicianBody,
} from '../../services/gateway/src/technicians/dto/technician.dto';
import { PLAIN_TEXT_PATTERN, SINGLE_LINE_PATTERN } from '@app/contracts';
import { ApiClient } from '../support/api-client';
import { ServiceProcess } from '../support/service-process';
import { createTestEnv, TestEnv } from '../support/test-env';

/**
 * The OpenAPI document a running gateway serves at /docs-json (issue 10): the OWASP API
 * Security ruleset finds no error of its API4 rules (rate limits, string lengths, array
 * sizes, integer bounds); every rule that still reports is named in docs/DEVELOPMENT.md; and the
 * document states the limits the validators enforce, no more and no less. Only the gateway
 * runs: the document needs nothing else.
 *
 * The web app is typed from a committed snapshot of the document (web/src/api/openapi.json,
 * and schema.d.ts generated from it): the snapshot must be what the gateway serves. After an
 * API change: `npm run build && UPDATE_OPENAPI_SNAPSHOT=1 npx jest test/e2e/openapi
 * --selectProjects e2e -t snapshot`.
 */

const ROOT = path.resolve(__dirname, '../..');
const SNAPSHOT = path.join(ROOT, 'web/src/api/openapi.json');
const WEB_TYPES = path.join(ROOT, 'web/src/api/schema.d.ts');
const UPDATE_SNAPSHOT = process.env.UPDATE_OPENAPI_SNAPSHOT === '1';
const SPECTRAL = path.join(ROOT, 'node_modules/.bin/spectral');

interface SpectralResult {
  code: string;
  severity: number; // 0 error, 1 warning, 2 information, 3 hint
  path: (string | number)[];
  message: string;
}

type Schema = Record<string, any>;

/** The rules a class-validator decorator stands for, as OpenAPI keywords. */
function expectedKeywords(cls: new () => object): Record<string, Schema> {
  const expected: Record<string, Schema> = {};
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const field = (expected[rule.propertyName] ??= {});
    const [first] = (rule.constraints ?? []) as unknown[];
    switch (rule.name) {
      case 'maxLength':
        field[rule.each ? 'items.maxLength' : 'maxLength'] = first;
        break;
      case 'minLength':
        field.minLength = first;
        break;
      case 'arrayMaxSize':
        field.maxItems = first;
        break;
      case 'min':
        field.minimum = first;
        break;
      case 'max':
        field.maximum = first;
        break;
      case 'isInt':
        field.type = 'integer';
        break;
      case 'isIn':
        field[rule.each ? 'items.enum' : 'enum'] = [...(first as unknown[])].sort();
        break;
      case 'isUuid':
        field[rule.each ? 'items.format' : 'format'] = 'uuid';
        break;
      case 'isEmail':
        field.format = 'email';
        break;
      case 'matches':
        field.pattern = (first as RegExp).source;
        break;
      case 'singleLine':
        field.pattern = SINGLE_LINE_PATTERN.source;
        break;
      case 'plainText':
        field.pattern = PLAIN_TEXT_PATTERN.source;
        break;
    }
  }
  return expected;
}

/** Limits a schema states that no validator rule of the property stands for. */
function unbacked(schema: Schema, expected: Schema): string[] {
  // A UUID's length is its format's; `^[…]{1,512}$` (or `{43}$`) bounds a length as well as
  // MaxLength does.
  const lengthOfPattern = /\{(?:\d*,)?(\d+)\}\$$/.exec(String(expected.pattern ?? ''))?.[1];
  const backedLength = (key: string) =>
    schema.format === 'uuid' || (key === 'maxLength' && Number(lengthOfPattern) === schema[key]);
  return ['maxLength', 'minLength', 'maxItems', 'minimum', 'maximum'].filter(
    (key) =>
      schema[key] !== undefined &&
      !(key in expected) &&
      !(key.endsWith('Length') && backedLength(key)),
  );
}

/** The same keywords as the document states them for one property. */
function stated(schema: Schema, keys: string[]): Schema {
  const out: Schema = {};
  for (const key of keys) {
    const [head, tail] = key.split('.');
    const value = tail ? schema[head]?.[tail] : schema[head];
    out[key] = Array.isArray(value) ? [...(value as unknown[])].sort() : value;
  }
  return out;
}

describe('OpenAPI document', () => {
  let env: TestEnv;
  let gateway: ServiceProcess;
  let document: Schema;
  let results: SpectralResult[];

  beforeAll(async () => {
    env = await createTestEnv('openapi');
    gateway = new ServiceProcess('gateway', env.vars, env.logDir);
    await gateway.start();
    const answer = await new ApiClient(`http://127.0.0.1:${env.port}`).get('/docs-json');
    expect(answer.status).toBe(200);
    document = answer.body as Schema;

    const file = path.join(env.logDir, 'docs.json');
    writeFileSync(file, answer.text);
    const lint = await promisify(execFile)(
      SPECTRAL,
      ['lint', file, '--ruleset', path.join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    ).catch((err: Error & { stdout?: string; stderr?: string }) => {
      // Spectral exits 1 when anything reports an error; its JSON is on stdout all the same.
      if (!err.stdout) throw new Error(`spectral failed: ${err.stderr || err.message}`);
      return { stdout: err.stdout };
    });
    results = JSON.parse(lint.stdout) as SpectralResult[];
  });

  afterAll(async () => {
    await gateway?.stop();
    gateway?.close();
    await env?.destroy();
  });

  it('is served with the AsyncAPI document of the messaging contract, as committed', async () => {
    const answer = await new ApiClient(`http://127.0.0.1:${env.port}`).get('/docs/asyncapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.text).toBe(readFileSync(path.join(ROOT, 'docs/asyncapi.json'), 'utf8'));
    expect(answer.body).toMatchObject({ asyncapi: '3.0.0' });
  });

  it('is the snapshot the web app is typed from, and its types are generated from it', async () => {
    if (UPDATE_SNAPSHOT) writeFileSync(SNAPSHOT, JSON.stringify(document, null, 2) + '\n');
    expect(JSON.parse(readFileSync(SNAPSHOT, 'utf8'))).toEqual(document);

    const generated = path.join(env.logDir, 'schema.d.ts');
    await promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/openapi-typescript'),
      [SNAPSHOT, '-o', UPDATE_SNAPSHOT ? WEB_TYPES : generated],
      { cwd: ROOT },
    );
    if (!UPDATE_SNAPSHOT) {
      expect(readFileSync(WEB_TYPES, 'utf8')).toBe(readFileSync(generated, 'utf8'));
    }
  });

  it('has no error of the OWASP API4 rules (rate limits, lengths, sizes, integer bounds)', () => {
    const api4Errors = results
      .filter((r) => r.code.startsWith('owasp:api4:') && r.severity === 0)
      .map((r) => `${r.code} at ${r.path.join('.')}`);
    expect(api4Errors).toEqual([]);
  });

  it('names in docs/DEVELOPMENT.md every rule that still reports', () => {
    const page = readFileSync(path.join(ROOT, 'docs/DEVELOPMENT.md'), 'utf8');
    const section = /^## OpenAPI lint\n([\s\S]*?)(?=^#{1,2} )/m.exec(page)?.[1] ?? '';
    const reported = [...new Set(results.map((r) => r.code))].sort();
    expect(reported.filter((code) => !section.includes(`\`${code}\``))).toEqual([]);
  });

  it('documents a 429 with Retry-After, and the RateLimit fields, on every operation', () => {
    for (const [route, item] of Object.entries(document.paths as Schema)) {
      for (const [method, operation] of Object.entries(item as Schema)) {
        const responses = (operation as Schema).responses as Schema;
        expect({ route, method, has429: Object.keys(responses['429'].headers) }).toEqual({
          route,
          method,
          has429: expect.arrayContaining(['Retry-After', 'RateLimit', 'RateLimit-Policy']),
        });
        for (const [status, response] of Object.entries(responses)) {
          if (/^2/.test(status)) expect(Object.keys(response.headers)).toContain('RateLimit');
        }
      }
    }
  });

  it.each([
    ['LoginDto', LoginDto],
    ['ChangePasswordDto', ChangePasswordDto],
    ['CreateGroupBody', CreateGroupBody],
    ['UpdateGroupBody', UpdateGroupBody],
    ['CreateTechnicianBody', CreateTechnicianBody],
    ['UpdateTechnicianBody', UpdateTechnicianBody],
    ['MoveTechnicianBody', MoveTechnicianBody],
    ['SetPasswordBody', SetPasswordBody],
    ['CreateAdministratorBody', CreateAdministratorBody],
    ['UpdateAdministratorBody', UpdateAdministratorBody],
    ['PasswordPolicyDto', PasswordPolicyDto],
    ['CreateServicePrincipalBody', CreateServicePrincipalBody],
  ] as const)('states the limits the validators of %s enforce', (name, cls) => {
    const properties = (document.components.schemas[name] as Schema).properties as Schema;
    const expected = expectedKeywords(cls);
    for (const [property, keywords] of Object.entries(expected)) {
      expect({ property, ...stated(properties[property] ?? {}, Object.keys(keywords)) }).toEqual({
        property,
        ...keywords,
      });
    }
    for (const [property, schema] of Object.entries(properties)) {
      expect({ property, unbacked: unbacked(schema, expected[property] ?? {}) }).toEqual({
        property,
        unbacked: [],
      });
    }
  });

  it.each([
    ['GET', '/api/v1/technicians', ListTechniciansQueryDto],
    ['GET', '/api/v1/groups/search', SearchGroupsQueryDto],
    ['GET', '/api/v1/administrators', PageQueryDto],
    ['GET', '/api/v1/service-principals', PageQueryDto],
    ['GET', '/api/v1/imports/{id}/items', ImportItemsQueryDto],
    ['GET', '/api/v1/imports/template.csv', TemplateQueryDto],
    ['POST', '/api/v1/imports', UploadImportFields],
  ] as const)(
    'states the limits the validators enforce on the query of %s %s',
    (method, route, cls) => {
      const parameters = (document.paths[route][method.toLowerCase()] as Schema)
        .parameters as Schema[];
      const expected = expectedKeywords(cls);
      for (const [name, keywords] of Object.entries(expected)) {
        const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
        expect({ name, ...stated(parameter?.schema ?? {}, Object.keys(keywords)) }).toEqual({
          name,
          ...keywords,
        });
      }
      for (const parameter of parameters.filter((p) => p.in === 'query')) {
        const name = parameter.name as string;
        const extra = unbacked(parameter.schema as Schema, expected[name] ?? {});
        expect({ name, unbacked: extra }).toEqual({ name, unbacked: [] });
      }
    },
  );

  it('documents every path parameter as the UUID the route requires', () => {
    for (const [route, item] of Object.entries(document.paths as Schema)) {
      for (const operation of Object.values(item as Schema)) {
        for (const parameter of ((operation as Schema).parameters ?? []) as Schema[]) {
          if (parameter.in !== 'path') continue;
          expect({ route, schema: parameter.schema }).toEqual({
            route,
            schema: { type: 'string', format: 'uuid', minLength: 36, maxLength: 36 },
          });
        }
      }
    }
  });
});
