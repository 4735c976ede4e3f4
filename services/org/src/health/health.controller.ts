import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DependencyStatus, HealthReport, OrgPatterns } from '@app/contracts';
import { databaseIsUp } from '@app/platform';
import { BootstrapService } from '../bootstrap/bootstrap.service';

@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bootstrap: BootstrapService,
  ) {}

  @MessagePattern(OrgPatterns.health)
  async check(): Promise<HealthReport> {
    const database: DependencyStatus = (await databaseIsUp(this.dataSource)) ? 'up' : 'down';
    // Until the bootstrap administrator exists nobody can sign in: not ready yet.
    const bootstrap: DependencyStatus = this.bootstrap.isDone ? 'up' : 'down';
    const status = database === 'up' && bootstrap === 'up' ? 'up' : 'down';
    return { service: 'org', status, dependencies: { database, bootstrap } };
  }
}
