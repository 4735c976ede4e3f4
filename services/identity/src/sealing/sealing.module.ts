import { Module } from '@nestjs/common';
import { SealingKeyStoreModule } from '@app/platform';
import { SealingController } from './sealing.controller';
import { SealingKeysService } from './sealing-keys.service';

@Module({
  imports: [SealingKeyStoreModule],
  controllers: [SealingController],
  providers: [SealingKeysService],
  exports: [SealingKeysService],
})
export class SealingModule {}
