import path from 'node:path';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { IS_EMAIL, IS_IP } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { createGenerator } from 'ts-json-schema-generator';
import {
  BATCH_MAX_ITEMS,
  CLOUD_EVENT_HEADER_PREFIX,
  COMMAND_CATALOG,
  CommandEntry,
  commandQueueArguments,
  DEAD_LETTER_MAX_LENGTH,
  commandQueueName,
  deadLetterQueueName,
  EVENT_CATALOG,
  ErrorCodes,
  eventsExchangeName,
  FieldErrorCodes,
  MESSAGE_DELIVERY_LIMIT,
  PasswordRuleCodes,
  SEALING_SUITE,
  ServiceName,
  ServiceNames,
} from '@app/contracts';
import { ASYNCAPI_DESCRIPTION } from './description';

/**
 * Builds the AsyncAPI 3 document of the messaging contract from libs/contracts: every
 * command (request, reply, error), every event, their channels and the wire format. Request
 * schemas come from the payload classes' class-validator rules (class-validator-jsonschema),
 * replies and event data from their TypeScript types (ts-json-schema-generator). The output
 * is deterministic, committed as docs/asyncapi.json and compared with the code by a test.
 */
export const ASYNCAPI_PATH = path.resolve(__dirname, '../../../docs/asyncapi.json');

type Schema = Record<string, unknown>;
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const AMQP_BINDING_VERSION = '0.3.0';
const PREFIX = '{prefix}';

function serviceOf(pattern: string): ServiceName {
  const service = pattern.split('.')[0] as ServiceName;
  if (!ServiceNames.includes(service)) throw new Error(`no service for ${pattern}`);
  return service;
}

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

type Generator = ReturnType<typeof createGenerator>;

function typeGenerator(): Generator {
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
function typeSchemas(generator: Generator, names: string[]): Record<string, Schema> {
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
function requestSchemas(classes: (new () => object)[]): Record<string, Schema> {
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
function actsForSomeone(entry: CommandEntry, requests: Record<string, Schema>): boolean {
  const schema = entry.request ? requests[entry.request.name] : undefined;
  return Boolean((schema?.properties as Record<string, unknown> | undefined)?.actor);
}

/** The doc comments of a payload class and its fields, from its TypeScript declaration. */
function addDescriptions(generator: Generator, name: string, schema: Schema): void {
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
  }
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

const EMPTY_OBJECT = { type: 'object', additionalProperties: false, properties: {} };

function requestMessage(pattern: string, entry: CommandEntry, actsFor: boolean): Schema {
  return {
    name: pattern,
    title: pattern,
    summary: entry.summary,
    contentType: 'application/json',
    correlationId: ref('correlationIds', 'amqpCorrelationId'),
    tags: [{ name: entry.audience }],
    ...(entry.audience === 'public' && actsFor ? { headers: AUTHORIZATION_HEADERS } : {}),
    ...(entry.scope ? { 'x-scope': entry.scope } : {}),
    payload: {
      type: 'object',
      description:
        'The envelope every command and query travels in (that of @nestjs/microservices).',
      required: ['pattern', 'data'],
      additionalProperties: false,
      properties: {
        pattern: { const: pattern },
        data: entry.request ? ref('schemas', entry.request.name) : EMPTY_OBJECT,
        id: {
          type: 'string',
          minLength: 1,
          description:
            'Any unique string (a UUID): the reply carries it back as `id`. Our services ' +
            'leave it out of a message that expects no reply.',
        },
      },
    },
    bindings: { amqp: { messageType: pattern, bindingVersion: AMQP_BINDING_VERSION } },
  };
}

function replyMessage(pattern: string, entry: CommandEntry): Schema {
  return {
    name: `${pattern}.reply`,
    title: `${pattern} reply`,
    summary: `The answer to ${pattern}.`,
    contentType: 'application/json',
    correlationId: ref('correlationIds', 'amqpCorrelationId'),
    payload: {
      type: 'object',
      required: ['id', 'response', 'isDisposed'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', description: 'The `id` of the request.' },
        response: ref('schemas', entry.reply),
        isDisposed: { const: true },
      },
    },
  };
}

const AUTHORIZATION_HEADERS = {
  type: 'object',
  description:
    "Required from another team's service (our own services, which state `actor`, send none).",
  required: ['authorization'],
  properties: {
    authorization: {
      type: 'string',
      pattern: '^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
      description:
        "Another team's service proves whom it acts for with that administrator's access " +
        'token (identity.auth.login.v1, or the REST sign-in), or a service principal its own ' +
        'signed assertion (see the introduction): it becomes `actor`, whatever the payload ' +
        'says. Without it UNAUTHENTICATED, and what ' +
        'the principal may not do is FORBIDDEN or FORBIDDEN_GROUP.',
    },
  },
};

const ERROR_MESSAGE = {
  name: 'error',
  title: 'Error reply',
  summary: 'What any command answers instead of its reply when it fails: a stable code.',
  contentType: 'application/json',
  correlationId: ref('correlationIds', 'amqpCorrelationId'),
  payload: {
    type: 'object',
    required: ['err', 'isDisposed'],
    additionalProperties: false,
    properties: {
      id: {
        type: 'string',
        description:
          'The `id` of the request; absent when the request could not be read (MESSAGE_INVALID).',
      },
      err: ref('schemas', 'RpcErrorEnvelope'),
      isDisposed: { const: true },
    },
  },
};

const CLOUD_EVENT_HEADERS = {
  type: 'object',
  description:
    'CloudEvents 1.0 attributes, AMQP protocol binding, binary content mode. The AMQP ' +
    'properties repeat them: `message_id` = id, `type` = type, `timestamp` = time (seconds), ' +
    '`app_id` = the service, `content_type` = `application/json`.',
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'time',
    'subject',
    'datacontenttype',
    'organizationid',
  ].map((name) => CLOUD_EVENT_HEADER_PREFIX + name),
  properties: Object.fromEntries(
    Object.entries({
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'Unique per event; deduplicate on it.' },
      source: { type: 'string', pattern: '^/rescue-admin-center/(org|import)$' },
      type: {
        type: 'string',
        description: 'The event pattern; the routing key is `<organizationid>.<type>`.',
      },
      time: { type: 'string', format: 'date-time' },
      subject: { type: 'string', pattern: '^(technicians|imports)/[0-9a-f-]{36}$' },
      datacontenttype: { const: 'application/json' },
      organizationid: {
        type: 'string',
        format: 'uuid',
        description: 'Extension attribute: the organization of the change.',
      },
      principal: {
        type: 'string',
        pattern: '^(accounts|service-principals)/[0-9a-f-]{36}$',
        description:
          'Extension attribute: who made the change: the administrator a person or a service ' +
          'acted for, or a service principal acting as itself.',
      },
    }).map(([name, schema]) => [CLOUD_EVENT_HEADER_PREFIX + name, schema]),
  ),
};

function commandChannel(service: ServiceName, lane: 'interactive' | 'bulk'): Schema {
  const address = commandQueueName(PREFIX, service, lane);
  const messages = Object.entries(COMMAND_CATALOG)
    .filter(([pattern]) => serviceOf(pattern) === service)
    .map(([pattern]) => [pattern, ref('messages', pattern)]);
  return {
    address,
    title: `${service} ${lane === 'interactive' ? 'commands' : 'bulk commands'}`,
    description:
      (lane === 'interactive'
        ? `What a person waits for. ${service} takes every ${service}.* command here.`
        : `Background work (imports, batches): the same commands with a smaller share of ` +
          `${service}'s capacity, so they never slow down people. Messages refused as invalid, ` +
          `or failing 5 times, go to \`${deadLetterQueueName(address)}\`.`) +
      ' The services declare it; a client that declares it too (a passive declare needs no ' +
      'arguments) must give exactly the `arguments` of the binding, or RabbitMQ closes the ' +
      'channel with PRECONDITION_FAILED.',
    parameters: { prefix: ref('parameters', 'prefix') },
    messages: Object.fromEntries(messages),
    bindings: {
      amqp: {
        is: 'queue',
        queue: {
          name: address,
          durable: true,
          exclusive: false,
          autoDelete: false,
          vhost: '/',
          arguments: commandQueueArguments(PREFIX, address),
        },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };
}

export function buildAsyncApi(): Schema {
  const replyTypes = [...new Set(Object.values(COMMAND_CATALOG).map((entry) => entry.reply))];
  const eventTypes = Object.values(EVENT_CATALOG).map((entry) => entry.data);
  const generator = typeGenerator();
  const requests = requestSchemas(
    Object.values(COMMAND_CATALOG).flatMap((entry) => (entry.request ? [entry.request] : [])),
  );
  for (const [name, schema] of Object.entries(requests)) addDescriptions(generator, name, schema);
  const schemas = sorted({
    ...typeSchemas(generator, [...replyTypes, ...eventTypes, 'RpcErrorEnvelope']),
    ...requests,
  });

  const channels: Record<string, Schema> = {};
  for (const service of ServiceNames) {
    channels[`${service}Commands`] = commandChannel(service, 'interactive');
    channels[`${service}Bulk`] = commandChannel(service, 'bulk');
  }
  channels.replies = {
    address: null,
    title: 'Replies',
    description:
      "The queue the request named in its `reply_to` property (for example RabbitMQ's " +
      "`amq.rabbitmq.reply-to`), with the request's `correlation_id`.",
    messages: Object.fromEntries([
      ...Object.keys(COMMAND_CATALOG).map((pattern) => [
        `${pattern}.reply`,
        ref('messages', `${pattern}.reply`),
      ]),
      ['error', ref('messages', 'error')],
    ]),
  };
  const exchange = eventsExchangeName(PREFIX);
  channels.events = {
    address: exchange,
    title: 'Events',
    description:
      'Topic exchange of the domain events, routing key `<organizationId>.<type>` (for ' +
      'example `5f0c…e1.org.technician.created.v1`). Bind a queue of your own ' +
      '(`{prefix}.client.<team>.<anything>`) to it with keys that start with your ' +
      'organization: `<organizationId>.#`, `<organizationId>.org.technician.*.v1`; RabbitMQ ' +
      "refuses a team's user any other key (`#` included). It exists as soon as the services " +
      'answer. Take as events only messages whose `user_id` is one of the services ' +
      '(`rac-org`, `rac-import` by default): RabbitMQ checks `user_id` against the ' +
      "publisher's user.",
    parameters: { prefix: ref('parameters', 'prefix') },
    messages: Object.fromEntries(
      Object.keys(EVENT_CATALOG).map((pattern) => [pattern, ref('messages', pattern)]),
    ),
    bindings: {
      amqp: {
        is: 'routingKey',
        exchange: { name: exchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };

  const operations: Record<string, Schema> = {};
  const messages: Record<string, Schema> = { error: ERROR_MESSAGE };
  for (const [pattern, entry] of Object.entries(COMMAND_CATALOG)) {
    const key = pattern;
    messages[key] = requestMessage(pattern, entry, actsForSomeone(entry, requests));
    messages[`${key}.reply`] = replyMessage(pattern, entry);
    const channel = `${serviceOf(pattern)}Commands`;
    operations[key] = {
      action: 'send',
      title: pattern,
      summary: entry.summary,
      tags: [{ name: entry.audience }],
      channel: { $ref: `#/channels/${channel}` },
      messages: [{ $ref: `#/channels/${channel}/messages/${key}` }],
      reply: {
        address: {
          location: '$message.header#/reply_to',
          description: 'The `reply_to` property of the request.',
        },
        channel: { $ref: '#/channels/replies' },
        messages: [
          { $ref: `#/channels/replies/messages/${key}.reply` },
          { $ref: '#/channels/replies/messages/error' },
        ],
      },
      bindings: {
        amqp: { deliveryMode: 2, mandatory: true, bindingVersion: AMQP_BINDING_VERSION },
      },
    };
  }
  for (const [pattern, entry] of Object.entries(EVENT_CATALOG)) {
    const key = pattern;
    messages[key] = {
      name: pattern,
      title: pattern,
      summary: entry.summary,
      contentType: 'application/json',
      headers: CLOUD_EVENT_HEADERS,
      payload: ref('schemas', entry.data),
      bindings: { amqp: { messageType: pattern, bindingVersion: AMQP_BINDING_VERSION } },
    };
    operations[`on.${key}`] = {
      action: 'receive',
      title: pattern,
      summary: entry.summary,
      channel: { $ref: '#/channels/events' },
      messages: [{ $ref: `#/channels/events/messages/${key}` }],
      bindings: {
        amqp: { cc: [`{organizationId}.${pattern}`], bindingVersion: AMQP_BINDING_VERSION },
      },
    };
  }

  return {
    asyncapi: '3.0.0',
    id: 'urn:rescue-admin-center:messaging',
    info: {
      title: 'Rescue Admin Center messaging',
      version: '1.0.0',
      description: ASYNCAPI_DESCRIPTION({
        errorCodes: Object.values(ErrorCodes),
        fieldErrorCodes: Object.values(FieldErrorCodes),
        passwordRuleCodes: Object.values(PasswordRuleCodes),
        batchMaxItems: BATCH_MAX_ITEMS,
        suite: SEALING_SUITE,
        deliveryLimit: MESSAGE_DELIVERY_LIMIT,
        deadLetterMaxLength: DEAD_LETTER_MAX_LENGTH,
      }).trim(),
      tags: [
        { name: 'public', description: "Meant for other teams' services." },
        { name: 'internal', description: 'Between the services of this product.' },
        { name: 'operator', description: 'Operations: health, keys, organizations.' },
      ],
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: {
        host: 'localhost:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: "The installation's RabbitMQ (`RABBITMQ_URL`).",
      },
    },
    channels,
    operations: sorted(operations),
    components: {
      schemas,
      messages: sorted(messages),
      parameters: {
        prefix: {
          default: 'rac',
          description:
            "The installation's `QUEUE_PREFIX`: every queue and exchange starts with it.",
        },
      },
      correlationIds: {
        amqpCorrelationId: {
          location: '$message.header#/correlation_id',
          description:
            'The AMQP `correlation_id` property: set it on a request, the reply carries it back.',
        },
      },
    },
  };
}

/** The document as committed: two-space JSON and a final newline. */
export function asyncApiText(): string {
  return `${JSON.stringify(buildAsyncApi(), null, 2)}\n`;
}
