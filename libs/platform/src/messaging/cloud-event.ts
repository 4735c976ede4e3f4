import type { Options } from 'amqplib';
import {
  ChangeChannel,
  CLOUD_EVENT_HEADER_PREFIX,
  eventSubject,
  EventTargetType,
  CloudEventAttributes,
  cloudEventSource,
  eventRoutingKey,
  ServiceName,
} from '@app/contracts';

/** An event as the outbox keeps it: its pattern, and its data with the envelope fields (EventOrigin). */
export interface StoredEvent {
  pattern: string;
  payload: Record<string, unknown>;
}

/** A message in the binary content mode of CloudEvents' AMQP binding: the data, and the properties. */
export interface CloudEventMessage {
  /** `<organizationId>.<type>`: see eventRoutingKey. */
  routingKey: string;
  data: Record<string, unknown>;
  properties: Options.Publish;
}

/** What the event is about, from its data: its target, or (events stored before) a technician or an import. */
function subjectOf(data: Record<string, unknown>): string {
  const target = data.target as { type?: unknown; id?: unknown } | undefined;
  if (typeof target?.type === 'string' && typeof target.id === 'string')
    return eventSubject({ type: target.type as EventTargetType, id: target.id });
  const technician = data.technician as { id?: string } | undefined;
  const technicianId = technician?.id ?? data.technicianId;
  if (typeof technicianId === 'string') return `technicians/${technicianId}`;
  if (typeof data.importId === 'string') return `imports/${data.importId}`;
  throw new Error('an event names neither a target, a technician nor an import');
}

export function cloudEventMessage(service: ServiceName, event: StoredEvent): CloudEventMessage {
  const { eventId, occurredAt, organizationId, principal, channel, origin, ...data } =
    event.payload;
  const attributes: CloudEventAttributes = {
    specversion: '1.0',
    id: String(eventId),
    source: cloudEventSource(service),
    type: event.pattern,
    time: String(occurredAt),
    subject: subjectOf(data),
    datacontenttype: 'application/json',
    organizationid: String(organizationId),
    ...(typeof principal === 'string' ? { principal } : {}),
    ...(typeof channel === 'string' ? { channel: channel as ChangeChannel } : {}),
    ...(typeof origin === 'string' ? { origin } : {}),
  };
  const headers = Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [CLOUD_EVENT_HEADER_PREFIX + name, value]),
  );
  return {
    routingKey: eventRoutingKey(attributes.organizationid, attributes.type),
    data,
    properties: {
      headers,
      contentType: attributes.datacontenttype,
      messageId: attributes.id,
      type: attributes.type,
      timestamp: Math.floor(Date.parse(attributes.time) / 1000),
      appId: service,
      persistent: true,
    },
  };
}
