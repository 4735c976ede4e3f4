import type { ServiceName } from '../patterns';

/** Request: `<service>.health.v1` with an empty object. Reply: a service's own view of its dependencies. */
export type DependencyStatus = 'up' | 'down';

export interface HealthReport {
  service: ServiceName;
  status: DependencyStatus;
  /**
   * For example `{ database: 'up', redis: 'up' }`. Org also reports `bootstrap`: 'down' until
   * the first organization's Master Administrator exists, so that a healthy stack can be signed in to.
   */
  dependencies: Record<string, DependencyStatus>;
}
