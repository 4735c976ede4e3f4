import { Module } from '@nestjs/common';
import { passwordSealerProvider } from '@app/platform';
import { AccountsModule } from '../accounts/accounts.module';
import { BootstrapService } from './bootstrap.service';

@Module({
  imports: [AccountsModule],
  providers: [BootstrapService, passwordSealerProvider],
  exports: [BootstrapService],
})
export class BootstrapModule {}
