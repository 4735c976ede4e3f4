import path from 'node:path';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { IS_EMAIL, IS_IP, IS_URL } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { createGenerator } from 'ts-json-schema-generator';
import type { CommandEntry } from '@app/contracts';
import type { Schema } from './common';

/*
 * The JSON schemas of the document: requests from the payload classes' class-validator rules
 * (class-validator-jsonschema), replies and event data from their TypeScript types
 * (ts-json-schema-generator).
 */

/** Every `#/definitions/X` of ts-json-schema-generator as `#/components/schemas/X`. */
function rehome(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rehome);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string'
          ? inner.replace('#/definitions/', '#/components/schemas/')
          : rehome(inner),
      ]),
    );
  }
  return value;
}

export type Generator = ReturnType<typeof createGenerator>;

export function typeGenerator(): Generator {
  const root = path.resolve(__dirname, '../../..');
  return createGenerator({
    path: path.join(root, 'libs/contracts/src/index.ts'),
    tsconfig: path.join(root, 'tsconfig.json'),
    type: '*',
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
  });
}

/** Schemas of the reply and event types, by name, with everything they reference. */
export function typeSchemas(generator: Generator, names: string[]): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const name of names) {
    let definitions;
    try {
      ({ definitions } = generator.createSchema(name));
    } catch (err) {
      throw new Error(`no schema for ${name}: ${String(err)}`, { cause: err });
    }
    Object.assign(schemas, rehome(definitions));
  }
  return schemas;
}

/**
 * Schemas of the payload classes from their class-validator rules (inherited ones included),
 * and of the classes they nest (found through class-transformer's `@Type`); unknown fields
 * are refused, as the services' validation does.
 */
export function requestSchemas(classes: (new () => object)[]): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  const visit = (target: new () => object) => {
    if (schemas[target.name]) return;
    const schema = targetConstructorToSchema(target, {
      classTransformerMetadataStorage: defaultMetadataStorage,
      refPointerPrefix: '#/components/schemas/',
      additionalConverters: ADDITIONAL_CONVERTERS,
    }) as Schema;
    schemas[target.name] = { ...actorLeftOutAllowed(schema), additionalProperties: false };
    for (const property of Object.keys((schema.properties as object | undefined) ?? {})) {
      const nested = defaultMetadataStorage.findTypeMetadata(target, property);
      if (nested) visit(nested.typeFunction() as new () => object);
    }
  };
  classes.forEach(visit);
  return schemas;
}

/** Where the library's default schema says less than the services accept. `@IsIP()` without a version takes both IPv4 and IPv6. */
const ADDITIONAL_CONVERTERS: ISchemaConverters = {
  // Addresses as RFC 6531 allows them (`ÜBER.ñandú@example.com`), as the services accept.
  [IS_EMAIL]: { type: 'string', format: 'idn-email' },
  // A provider's URL (`IsProviderUrl`) may be a host without a dot or an IP address: format
  // `uri`, where the library's `url` takes only public web addresses.
  [IS_URL]: { type: 'string', format: 'uri' },
  [IS_IP]: (meta) =>
    meta.constraints?.[0]
      ? { type: 'string', format: `ipv${String(meta.constraints[0])}` }
      : { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
};

/**
 * `actor` is checked as required when one of our services sends it, but another team's
 * service leaves it out: its `authorization` header sets it (see the introduction). The
 * schema says what the services accept from anyone.
 */
function actorLeftOutAllowed(schema: Schema): Schema {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (!properties.actor) return schema;
  const required = ((schema.required as string[] | undefined) ?? []).filter((f) => f !== 'actor');
  return { ...schema, required };
}

/** Whether a payload class acts for an administrator (has an `actor`). */
export function actsForSomeone(entry: CommandEntry, requests: Record<string, Schema>): boolean {
  const schema = entry.request ? requests[entry.request.name] : undefined;
  return Boolean((schema?.properties as Record<string, unknown> | undefined)?.actor);
}

/**
 * What the TypeScript declaration of a payload class adds to its validation rules: the doc
 * comments of the class and its fields, and `null` where a field's type admits it (a
 * `parentId: null` that means "the top level"; the rules skip it with ValidateIf).
 */
export function addDescriptions(generator: Generator, name: string, schema: Schema): void {
  let declared: Schema | undefined;
  try {
    declared = generator.createSchema(name).definitions?.[name] as Schema | undefined;
  } catch {
    return; // not exported (a base class): its fields are described where they are used
  }
  if (declared?.description) schema.description = declared.description;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const documented = (declared?.properties ?? {}) as Record<string, Schema>;
  for (const [property, own] of Object.entries(properties)) {
    const description = documented[property]?.description;
    if (description && !own.$ref) own.description = description;
    if (admitsNull(documented[property]) && !admitsNull(own)) {
      properties[property] = { anyOf: [own, { type: 'null' }] };
    }
  }
}

function admitsNull(schema: Schema | undefined): boolean {
  const type = schema?.type;
  return (
    type === 'null' ||
    (Array.isArray(type) && type.includes('null')) ||
    (Array.isArray(schema?.anyOf) && (schema.anyOf as Schema[]).some(admitsNull))
  );
}
