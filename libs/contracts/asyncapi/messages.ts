import { CHANGE_CHANNELS, CLOUD_EVENT_HEADER_PREFIX, CommandEntry } from '@app/contracts';
import { AMQP_BINDING_VERSION, ref, Schema } from './common';

/* The messages of the document: a command, its reply, the error reply, an event's headers. */

const EMPTY_OBJECT = { type: 'object', additionalProperties: false, properties: {} };

export function requestMessage(pattern: string, entry: CommandEntry, actsFor: boolean): Schema {
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

export function replyMessage(pattern: string, entry: CommandEntry): Schema {
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

export const ERROR_MESSAGE = {
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

export const CLOUD_EVENT_HEADERS = {
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
      source: { type: 'string', pattern: '^/rescue-admin-center/(identity|org|import|audit)$' },
      type: {
        type: 'string',
        description: 'The event pattern; the routing key is `<organizationid>.<type>`.',
      },
      time: { type: 'string', format: 'date-time' },
      subject: {
        type: 'string',
        pattern:
          '^((technicians|groups|administrators|organizations|service-principals|scim-tokens|imports|accounts)/[0-9a-f-]{36}|settings/[a-z-]+)$',
        description: 'What the change was made to: the `target` of the data, as `<type>s/<id>`.',
      },
      datacontenttype: { const: 'application/json' },
      organizationid: {
        type: 'string',
        format: 'uuid',
        description: 'Extension attribute: the organization of the change.',
      },
      principal: {
        type: 'string',
        pattern: '^(accounts|service-principals|scim-tokens)/[0-9a-f-]{36}$',
        description:
          'Extension attribute: who made the change: the administrator a person or a service ' +
          'acted for, a service principal acting as itself, or a directory over SCIM (its token).',
      },
      channel: {
        type: 'string',
        enum: [...CHANGE_CHANNELS],
        description:
          'Extension attribute: how the change came: the REST API, SCIM, a sign-in through ' +
          "the organization's identity provider, another team's service over AMQP, an " +
          "import's row, an operator's command, or the product on its own.",
      },
      origin: {
        type: 'string',
        description:
          "Extension attribute: from where, by channel: the client's IP address (rest, scim, " +
          'sso), the broker user (amqp), `imports/<id>/rows/<row>` (import), the command ' +
          '(cli, system).',
      },
    }).map(([name, schema]) => [CLOUD_EVENT_HEADER_PREFIX + name, schema]),
  ),
};
