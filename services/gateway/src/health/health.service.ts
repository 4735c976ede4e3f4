import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import {
  AuditPatterns,
  DependencyStatus,
  HealthReport,
  IdentityPatterns,
  ImportPatterns,
  OrgPatterns,
  ServiceName,
  ServiceNames,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { GatewaySettings } from '../config/env';
import { REDIS } from '../redis/redis.provider';

export type ComponentStatus = DependencyStatus | 'unknown';

export interface HealthChecks {
  identity: HealthReport | { status: 'down'; reason: string };
  org: HealthReport | { status: 'down'; reason: string };
  import: HealthReport | { status: 'down'; reason: string };
  audit: HealthReport | { status: 'down'; reason: string };
  postgres: ComponentStatus;
  redis: DependencyStatus;
  rabbitmq: ComponentStatus;
}

export interface HealthResult {
  healthy: boolean;
  down: string[];
  checks: HealthChecks;
}

/**
 * Asks every service over RabbitMQ (each reports its own database, and import its Redis),
 * pings the gateway's Redis, and derives RabbitMQ and Postgres from what came back.
 */
@Injectable()
export class HealthService {
  private readonly services: Record<ServiceName, { client: RpcClient; pattern: string }>;

  constructor(
    @InjectRpcClient('identity') identity: RpcClient,
    @InjectRpcClient('org') org: RpcClient,
    @InjectRpcClient('import') imports: RpcClient,
    @InjectRpcClient('audit') audit: RpcClient,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly settings: GatewaySettings,
  ) {
    this.services = {
      identity: { client: identity, pattern: IdentityPatterns.health },
      org: { client: org, pattern: OrgPatterns.health },
      import: { client: imports, pattern: ImportPatterns.health },
      audit: { client: audit, pattern: AuditPatterns.health },
    };
  }

  async check(): Promise<HealthResult> {
    const [identity, org, imports, audit, redis] = await Promise.all([
      ...ServiceNames.map((service) => this.askService(service)),
      this.pingRedis(),
    ] as const);
    const services = { identity, org, import: imports, audit } as Record<
      ServiceName,
      HealthChecks['identity']
    >;
    const reports = Object.values(services).filter((r): r is HealthReport => 'service' in r);

    const databases = reports.map((r) => r.dependencies.database);
    const postgres: ComponentStatus = databases.includes('down')
      ? 'down'
      : databases.length > 0
        ? 'up'
        : 'unknown';
    // A reply proves the broker works; no reply at all cannot tell the broker from the services.
    const rabbitmq: ComponentStatus = reports.length > 0 ? 'up' : 'unknown';

    const checks: HealthChecks = { ...services, postgres, redis, rabbitmq } as HealthChecks;
    const down = [
      ...ServiceNames.filter((name) => services[name].status !== 'up'),
      ...(['postgres', 'redis', 'rabbitmq'] as const).filter((name) => checks[name] !== 'up'),
    ];
    return { healthy: down.length === 0, down, checks };
  }

  private async askService(service: ServiceName): Promise<HealthChecks['identity']> {
    const { client, pattern } = this.services[service];
    try {
      return await client.send<HealthReport>(pattern, {}, this.settings.HEALTH_TIMEOUT_MS);
    } catch {
      return { status: 'down', reason: `no answer within ${this.settings.HEALTH_TIMEOUT_MS} ms` };
    }
  }

  private async pingRedis(): Promise<DependencyStatus> {
    try {
      await this.redis.ping();
      return 'up';
    } catch {
      return 'down';
    }
  }
}
