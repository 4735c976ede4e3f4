import type { Lane, ServiceName } from '@app/contracts';
import type { PrincipalGateOptions } from './principal-gate';

/** How a service's ReliableRmqServer consumes its command queues. */
export interface ReliableRmqServerOptions {
  url: string;
  prefix: string;
  service: ServiceName;
  /** How many messages of each lane this process works on at once (RabbitMQ prefetch per consumer). */
  prefetch: Record<Lane, number>;
  /** First wait before a message whose handler failed transiently goes back to the queue. */
  retryDelayMs?: number;
  /** Who may send what: our own services, and other services with a principal's token. */
  principals: PrincipalGateOptions;
}
