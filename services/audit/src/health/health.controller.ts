import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditPatterns, HealthReport } from '@app/contracts';
import { databaseIsUp } from '@app/platform';

@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @MessagePattern(AuditPatterns.health)
  async check(): Promise<HealthReport> {
    const database = (await databaseIsUp(this.dataSource)) ? 'up' : 'down';
    return { service: 'audit', status: database, dependencies: { database } };
  }
}
