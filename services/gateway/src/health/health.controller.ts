import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { Public } from '../auth/auth.decorators';
import { problemBody, sendProblem } from '../problem/problem.filter';
import { RateLimitPolicies } from '../rate-limit/rate-limit-policies';
import { HealthChecks, HealthService } from './health.service';

/** Probes call this often: it counts against the per-address limit only, never a token's. */
@ApiTags('health')
@SkipThrottle({ [RateLimitPolicies.TOKEN]: true })
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'Every service, Postgres, Redis and RabbitMQ answer' })
  @ApiServiceUnavailableResponse({
    description: 'problem+json naming what is down (`errors[].field`)',
  })
  async check(@Res() response: Response): Promise<void> {
    const result = await this.health.check();
    if (result.healthy) {
      response.status(200).json({ status: 'ok', checks: result.checks });
      return;
    }
    const body = problemBody(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `down: ${result.down.join(', ')}`,
      result.down.map((field) => ({
        field,
        code: 'DOWN',
        message: describe(field, result.checks),
      })),
      { checks: result.checks },
    );
    sendProblem(response, body, { 'Retry-After': '5' });
  }
}

function describe(component: string, checks: HealthChecks): string {
  const check = checks[component as keyof HealthChecks];
  if (typeof check === 'string') return `${component} is ${check}`;
  if ('reason' in check) return `${component} service: ${check.reason}`;
  const down = Object.entries(check.dependencies)
    .filter(([, status]) => status !== 'up')
    .map(([name]) => {
      const explanation = check.explanations?.[name];
      if (!explanation) return name;
      const action = explanation.action ? `; to fix it: ${explanation.action}` : '';
      return `${name} (${explanation.reason}${action})`;
    });
  return `${component} service reports down: ${down.join(', ')}`;
}
