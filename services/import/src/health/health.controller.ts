import { InjectQueue } from '@nestjs/bullmq';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DependencyStatus, HealthReport, ImportPatterns } from '@app/contracts';
import { databaseIsUp } from '@app/platform';
import { IMPORT_ROWS_QUEUE } from '../jobs/queues';

@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(IMPORT_ROWS_QUEUE) private readonly rows: Queue,
  ) {}

  @MessagePattern(ImportPatterns.health)
  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      databaseIsUp(this.dataSource).then(toStatus),
      this.redisIsUp().then(toStatus),
    ]);
    const status = database === 'up' && redis === 'up' ? 'up' : 'down';
    return { service: 'import', status, dependencies: { database, redis } };
  }

  private async redisIsUp(): Promise<boolean> {
    try {
      const client = await this.rows.client;
      if (client.status !== 'ready') return false;
      await Promise.race([
        this.rows.getJobCounts('waiting'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
      ]);
      return true;
    } catch {
      return false;
    }
  }
}

function toStatus(up: boolean): DependencyStatus {
  return up ? 'up' : 'down';
}
