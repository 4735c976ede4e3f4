import path from 'node:path';
import {
  BATCH_MAX_ITEMS,
  COMMAND_CATALOG,
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
import { AMQP_BINDING_VERSION, PREFIX, ref, Schema, serviceOf, sorted } from './common';
import { ASYNCAPI_DESCRIPTION } from './description';
import { CLOUD_EVENT_HEADERS, ERROR_MESSAGE, replyMessage, requestMessage } from './messages';
import {
  actsForSomeone,
  addDescriptions,
  requestSchemas,
  typeGenerator,
  typeSchemas,
} from './schemas';

/**
 * Builds the AsyncAPI 3 document of the messaging contract from libs/contracts: every
 * command (request, reply, error), every event, their channels and the wire format. Request
 * schemas come from the payload classes' class-validator rules (class-validator-jsonschema),
 * replies and event data from their TypeScript types (ts-json-schema-generator). The output
 * is deterministic, committed as docs/asyncapi.json and compared with the code by a test.
 */
export const ASYNCAPI_PATH = path.resolve(__dirname, '../../../docs/asyncapi.json');

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
      '(`rac-identity`, `rac-org`, `rac-import` by default): RabbitMQ checks `user_id` against the ' +
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
