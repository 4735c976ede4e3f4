import { isUUID } from 'class-validator';
import {
  CHANGE_CHANNELS,
  CLOUD_EVENT_HEADER_PREFIX,
  EVENT_TARGET_TYPES,
  FieldChange,
  isWellFormedText,
} from '@app/contracts';
import type { ChainEvent } from '../chain/audit-recorder';

/** What the chain records of an event. */
export type IncomingEvent = ChainEvent;

export class UnreadableEvent extends Error {}

const PRINCIPAL = /^(accounts|service-principals|scim-tokens)\/[0-9a-f-]{36}$/i;
const SUBJECT = /^([a-z-]{1,40})\/([^/\s]{1,200})$/;
const GROUP_PATH = /^(\/[^/\s]{1,64}){1,64}\/$/;
/** Bounds of what one entry keeps: an event past them is not ours (ours are far smaller). */
const MAX_TEXT = 1000;
const MAX_CHANGES = 200;
const MAX_GROUP_PATHS = 100;

/**
 * Reads a CloudEvent in the binary mode of the AMQP binding (attributes in `cloudEvents:*`
 * headers, the data as the JSON body). Everything is checked; what does not fit throws
 * UnreadableEvent, and the message goes to the dead-letter queue. Events published before
 * the AuditedChange fields existed are read too: the target from the subject, without a name.
 */
export function readIncomingEvent(
  headers: Record<string, unknown> | undefined,
  body: Buffer,
): IncomingEvent {
  const attribute = (name: string, required = true): string | null => {
    const value = headers?.[CLOUD_EVENT_HEADER_PREFIX + name];
    if (value === undefined || value === null) {
      if (required) throw new UnreadableEvent(`no cloudEvents:${name}`);
      return null;
    }
    const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT || !isText(text))
      throw new UnreadableEvent(
        `cloudEvents:${name} is not text of at most ${MAX_TEXT} characters`,
      );
    return text;
  };
  const id = attribute('id')!;
  const source = attribute('source')!;
  const type = attribute('type')!;
  const organizationId = attribute('organizationid')!;
  if (!isUUID(organizationId))
    throw new UnreadableEvent('cloudEvents:organizationid is not a uuid');
  const time = Date.parse(attribute('time')!);
  if (Number.isNaN(time)) throw new UnreadableEvent('cloudEvents:time is not a time');
  const principal = attribute('principal', false);
  if (principal !== null && !PRINCIPAL.test(principal))
    throw new UnreadableEvent('cloudEvents:principal names no principal');
  const channel = attribute('channel', false);
  if (channel !== null && !(CHANGE_CHANNELS as readonly string[]).includes(channel))
    throw new UnreadableEvent('cloudEvents:channel is not a channel');
  const origin = attribute('origin', false);
  const subject = attribute('subject', false);

  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    throw new UnreadableEvent('the body is not JSON');
  }
  if (!isRecord(data)) throw new UnreadableEvent('the body is not a JSON object');

  return {
    id,
    source,
    type,
    time: new Date(time).toISOString(),
    organizationId,
    principal,
    channel,
    origin,
    target: targetOf(data.target, subject),
    groupPaths: groupPathsOf(data.groupPaths),
    changes: changesOf(data.changes),
  };
}

function targetOf(target: unknown, subject: string | null): IncomingEvent['target'] {
  if (isRecord(target)) {
    const { type, id, name } = target;
    if (
      typeof type !== 'string' ||
      !(EVENT_TARGET_TYPES as readonly string[]).includes(type) ||
      typeof id !== 'string' ||
      id.length === 0 ||
      id.length > 200 ||
      !isText(id) ||
      (name !== undefined && name !== null && (typeof name !== 'string' || !isText(name)))
    )
      throw new UnreadableEvent('target is not {type, id, name}');
    return { type, id, name: typeof name === 'string' && name ? name.slice(0, MAX_TEXT) : null };
  }
  if (target !== undefined) throw new UnreadableEvent('target is not an object');
  // Published before the AuditedChange fields: what the subject says.
  const match = subject ? SUBJECT.exec(subject) : null;
  if (!match) throw new UnreadableEvent('neither a target nor a subject');
  const collection = match[1];
  const type = collection === 'settings' ? 'settings' : collection.replace(/s$/, '');
  return { type, id: match[2], name: null };
}

function groupPathsOf(paths: unknown): string[] {
  if (paths === undefined || paths === null) return [];
  if (
    !Array.isArray(paths) ||
    paths.length > MAX_GROUP_PATHS ||
    !paths.every((path) => typeof path === 'string' && GROUP_PATH.test(path))
  )
    throw new UnreadableEvent('groupPaths is not a list of group paths');
  return [...new Set(paths as string[])];
}

function changesOf(changes: unknown): FieldChange[] {
  if (changes === undefined || changes === null) return [];
  if (!Array.isArray(changes) || changes.length > MAX_CHANGES)
    throw new UnreadableEvent('changes is not a list');
  return changes.map((change) => {
    if (!isRecord(change) || typeof change.field !== 'string' || !isText(change.field))
      throw new UnreadableEvent('a change has no field');
    return { field: change.field, before: change.before ?? null, after: change.after ?? null };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Postgres text takes no NUL, and lone surrogates do not survive a round trip. */
function isText(value: string): boolean {
  return isWellFormedText(value) && !value.includes('\u0000');
}
