import { Module } from '@nestjs/common';
import { IdentityPatterns } from '@app/contracts';
import { sealingKeyController, SealingKeyStoreModule } from '@app/platform';
import { SealingController } from './sealing.controller';
import { SealingKeysService } from './sealing-keys.service';

@Module({
  imports: [SealingKeyStoreModule],
  controllers: [SealingController, sealingKeyController(IdentityPatterns)],
  providers: [SealingKeysService],
  exports: [SealingKeysService],
})
export class SealingModule {}
