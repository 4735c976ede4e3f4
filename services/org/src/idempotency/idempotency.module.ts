import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotencyKeyExpiry } from './idempotency-key-expiry.service';
import { IdempotencyController } from './idempotency.controller';
import { IdempotencyService } from './idempotency.service';
import { PasswordComparison } from './password-comparison';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  controllers: [IdempotencyController],
  providers: [IdempotencyService, IdempotencyKeyExpiry, PasswordComparison],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
