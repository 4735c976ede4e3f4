import { Module } from '@nestjs/common';
import { passwordSealerProvider } from '@app/platform';
import { BootstrapService } from './bootstrap.service';

@Module({
  providers: [BootstrapService, passwordSealerProvider],
  exports: [BootstrapService],
})
export class BootstrapModule {}
