import { Global, Module } from '@nestjs/common';
import { OrgIdempotencyKeyExpiry } from './idempotency-key-expiry.service';
import { IdempotencyController } from './idempotency.controller';
import { IdempotencyService } from './idempotency.service';
import { PasswordComparison } from './password-comparison';

@Global()
@Module({
  controllers: [IdempotencyController],
  providers: [IdempotencyService, OrgIdempotencyKeyExpiry, PasswordComparison],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
