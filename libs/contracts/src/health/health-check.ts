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
  /**
   * Why a dependency is down and what an operator can do, when the service knows more than
   * "down" (org's `bootstrap`). Public through `/health`: never names an account.
   */
  explanations?: Record<string, DependencyExplanation>;
}

export interface DependencyExplanation {
  reason: string;
  action?: string;
}
