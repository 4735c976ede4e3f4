import type { ServiceName } from '../patterns';

/** Request: `<service>.health.v1` with an empty object. Reply: a service's own view of its dependencies. */
export type DependencyStatus = 'up' | 'down';

export interface HealthReport {
  service: ServiceName;
  status: DependencyStatus;
  /** For example `{ database: 'up', redis: 'up' }`. */
  dependencies: Record<string, DependencyStatus>;
}
