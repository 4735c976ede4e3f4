import { ServiceName, ServiceNames } from '@app/contracts';

/** What the parts of the AsyncAPI document's builder share. */
export type Schema = Record<string, unknown>;
export const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
export const AMQP_BINDING_VERSION = '0.3.0';
export const PREFIX = '{prefix}';

export function serviceOf(pattern: string): ServiceName {
  const service = pattern.split('.')[0] as ServiceName;
  if (!ServiceNames.includes(service)) throw new Error(`no service for ${pattern}`);
  return service;
}

export function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
