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
    const bootstrap =
      database === 'up' ? await this.bootstrap.health() : { status: 'down' as const };
    const status = database === 'up' && bootstrap.status === 'up' ? 'up' : 'down';
    return {
      service: 'org',
      status,
      dependencies: { database, bootstrap: bootstrap.status },
      ...(bootstrap.explanation ? { explanations: { bootstrap: bootstrap.explanation } } : {}),
    };
  }
}
