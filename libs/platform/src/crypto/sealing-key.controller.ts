import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RetireSealingKeyCommand, SealingKeyReply } from '@app/contracts';
import { SealingKeyStore } from './sealing-key.store';

/** The messages of a service's sealing keys: get the current one, rotate, retire an old one. */
export function sealingKeyController(patterns: {
  sealingKeyGet: string;
  sealingKeyRotate: string;
  sealingKeyRetire: string;
}): Type<unknown> {
  @Controller()
  class SealingKeyController {
    constructor(private readonly keys: SealingKeyStore) {}

    @MessagePattern(patterns.sealingKeyGet)
    get(): SealingKeyReply {
      return this.keys.publicKey();
    }

    @MessagePattern(patterns.sealingKeyRotate)
    rotate(): Promise<SealingKeyReply> {
      return this.keys.rotate();
    }

    @MessagePattern(patterns.sealingKeyRetire)
    retire(@Payload() command: RetireSealingKeyCommand): Promise<SealingKeyReply> {
      return this.keys.retire(command.keyId);
    }
  }
  return SealingKeyController;
}
