import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { cloudEventSource, eventsExchangeName } from '@app/contracts';
import type { TestBroker } from '../../support/broker';
import { ROOT } from '../../support/service-process';
import type { Stack } from '../../support/stack';
import { waitFor } from '../../support/wait-for';

/** GET /audit-events with these query parameters; the response as it came. */
export function auditEvents(
  stack: Stack,
  token: string,
  query: Record<string, string | number> = {},
) {
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  ).toString();
  return stack.api.get(`/api/v1/audit-events${search ? `?${search}` : ''}`, token);
}

/** Waits until the log (as the token sees it, with these filters) holds `count` entries; returns them. */
export async function entriesOnceThere(
  stack: Stack,
  token: string,
  query: Record<string, string | number>,
  count: number,
): Promise<any[]> {
  return waitFor(
    async () => {
      const response = await auditEvents(stack, token, { ...query, limit: 200 });
      if (response.status !== 200)
        throw new Error(`audit-events answered ${response.status}: ${response.text}`);
      return response.body.items.length >= count ? (response.body.items as any[]) : undefined;
    },
    {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: `${count} audit entries for ${JSON.stringify(query)}`,
    },
  );
}

export interface PublishedEvent {
  id?: string;
  type?: string;
  organizationId: string;
  time?: string;
  principal?: string;
  channel?: string;
  origin?: string;
  subject?: string;
  data: Record<string, unknown>;
}

/**
 * Publishes an event as one of our services would (rac-org: the CloudEvents headers in binary
 * mode, `user_id` the broker user of `broker`), to the stack's events exchange. Returns its id.
 */
export function publishEvent(broker: TestBroker, stack: Stack, event: PublishedEvent): string {
  const id = event.id ?? randomUUID();
  const type = event.type ?? 'org.technician.updated.v1';
  const headers: Record<string, string> = {
    'cloudEvents:specversion': '1.0',
    'cloudEvents:id': id,
    'cloudEvents:source': cloudEventSource('org'),
    'cloudEvents:type': type,
    'cloudEvents:time': event.time ?? new Date().toISOString(),
    'cloudEvents:subject': event.subject ?? `technicians/${randomUUID()}`,
    'cloudEvents:datacontenttype': 'application/json',
    'cloudEvents:organizationid': event.organizationId,
    ...(event.principal ? { 'cloudEvents:principal': event.principal } : {}),
    ...(event.channel ? { 'cloudEvents:channel': event.channel } : {}),
    ...(event.origin ? { 'cloudEvents:origin': event.origin } : {}),
  };
  broker.channel.publish(
    eventsExchangeName(stack.env.prefix),
    `${event.organizationId}.${type}`,
    Buffer.from(JSON.stringify(event.data)),
    {
      headers,
      contentType: 'application/json',
      persistent: true,
      userId: broker.user,
      messageId: id,
    },
  );
  return id;
}

/** `npm run audit:verify -- --organization <id>` against the stack's audit database. */
export function auditVerify(
  stack: Stack,
  organizationId: string,
): { code: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'dist/services/audit/src/cli/verify.js'), '--organization', organizationId],
    {
      env: { PATH: process.env.PATH ?? '', AUDIT_DATABASE_URL: stack.env.vars.AUDIT_DATABASE_URL },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
