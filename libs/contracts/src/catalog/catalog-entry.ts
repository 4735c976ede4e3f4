import type { EventPatterns } from '../patterns';
import type { ServiceScope } from '../service-principals/service-principal';

export interface CommandEntry {
  /** The payload class (its class-validator rules are the schema); none: `{}`. */
  request?: new () => object;
  /** The reply's type, by its exported name in @app/contracts (`reply-types.ts` names the generic ones). */
  reply: string;
  summary: string;
  /** `public`: meant for other teams' services; `internal`: between our own services. */
  audience: 'public' | 'internal' | 'operator';
  /** The scope a service principal acting as itself needs; none: service principals may not. */
  scope?: ServiceScope;
  /**
   * Fields only this product's own services may set (the gateway states a sign-in's client
   * address); another team's message that carries one is refused with FORBIDDEN.
   */
  internalFields?: string[];
  /**
   * The events a command that changes state publishes (the audit log's coverage): every
   * command that changes state names at least one.
   */
  emits?: PatternsOf<typeof EventPatterns>[];
}

export interface EventEntry {
  /** The data's type, by its exported name in @app/contracts. */
  data: string;
  summary: string;
}

export type PatternsOf<T> = T[keyof T];

export const health = (service: string): CommandEntry => ({
  reply: 'HealthReport',
  summary: `Whether ${service} and its dependencies answer.`,
  audience: 'operator',
});
