import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { IdentityPatterns, SealingKeyReply } from '@app/contracts';
import { SealingKeysService } from './sealing-keys.service';

@Controller()
export class SealingController {
  constructor(private readonly sealingKeys: SealingKeysService) {}

  @MessagePattern(IdentityPatterns.sealingKeyGet)
  getPublicKey(): SealingKeyReply {
    return this.sealingKeys.publicKey();
  }
}
