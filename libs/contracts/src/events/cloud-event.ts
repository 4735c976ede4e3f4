import type { ServiceName } from '../patterns';
import type { ChangeChannel } from './change-origin';

/**
 * Every event is a CloudEvents 1.0 event in the binary content mode of the AMQP protocol
 * binding: the body is the event's data (JSON, `content-type: application/json`), and the
 * attributes travel as message headers named `cloudEvents:<attribute>`. The AMQP message
 * properties repeat what brokers and tools read without knowing CloudEvents: `message_id` is
 * the event id, `type` its type, `timestamp` its time (seconds), `app_id` the service.
 *
 * Delivery is at least once: deduplicate on (`source`, `id`). Order across events is not
 * guaranteed; order by `time`.
 */
export const CLOUD_EVENT_HEADER_PREFIX = 'cloudEvents:';

export interface CloudEventAttributes {
  specversion: '1.0';
  /** Unique per event: the same event delivered twice has the same id. */
  id: string;
  /** `/rescue-admin-center/<service>`: the service that published it. */
  source: string;
  /** The event pattern, also the routing key: `org.technician.created.v1`, … */
  type: string;
  /** When the change was committed, RFC 3339. */
  time: string;
  /** What the event is about: `technicians/<id>` or `imports/<id>`. */
  subject: string;
  datacontenttype: 'application/json';
  /** Extension attribute: the organization the change belongs to. */
  organizationid: string;
  /**
   * Extension attribute: who made the change: `accounts/<accountId>` (a person, or the
   * administrator an import or another team's service acted for), `service-principals/<id>`
   * or `scim-tokens/<id>`. Absent only on events stored before it existed.
   */
  principal?: string;
  /**
   * Extension attribute: how the change reached the product (`rest`, `scim`, `sso`, `amqp`,
   * `import`, `cli`, `system`; see change-origin.ts). Absent on events stored before it existed.
   */
  channel?: ChangeChannel;
  /**
   * Extension attribute: from where, by channel: the client's address (rest, scim, sso), the
   * broker user (amqp), `imports/<id>/rows/<row>` (import), the command (cli, system).
   */
  origin?: string;
}

/** The `principal` of a change made by (or for) an account. */
export function accountPrincipal(accountId: string): string {
  return `accounts/${accountId}`;
}

export function cloudEventSource(service: ServiceName): string {
  return `/rescue-admin-center/${service}`;
}
