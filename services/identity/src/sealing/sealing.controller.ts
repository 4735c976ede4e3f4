import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { timingSafeEqual } from 'node:crypto';
import { ComparePasswordsQuery, ComparePasswordsReply, IdentityPatterns } from '@app/contracts';
import { SealingKeysService } from './sealing-keys.service';

@Controller()
export class SealingController {
  constructor(private readonly sealingKeys: SealingKeysService) {}

  @MessagePattern(IdentityPatterns.passwordCompare)
  async compare(@Payload() query: ComparePasswordsQuery): Promise<ComparePasswordsReply> {
    const [one, other] = await Promise.all([
      this.sealingKeys.openPassword(query.sealedPassword),
      this.sealingKeys.openPassword(query.otherSealedPassword, 'otherSealedPassword'),
    ]);
    const a = Buffer.from(one, 'utf8');
    const b = Buffer.from(other, 'utf8');
    return { equal: a.length === b.length && timingSafeEqual(a, b) };
  }
}
