import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ErrorCodes,
  OrgPatterns,
  SettleIdempotencyKeyCommand,
  SettleIdempotencyKeyReply,
} from '@app/contracts';
import { IdempotencyService } from './idempotency.service';

@Controller()
export class IdempotencyController {
  constructor(private readonly idempotency: IdempotencyService) {}

  @MessagePattern(OrgPatterns.idempotencyKeySettle)
  settle(@Payload() command: SettleIdempotencyKeyCommand): Promise<SettleIdempotencyKeyReply> {
    return this.idempotency.settle(command.organizationId, command.idempotencyKey, {
      code: ErrorCodes.COMMAND_ABANDONED,
      message: 'its sender gave up on this command before it ran',
    });
  }
}
