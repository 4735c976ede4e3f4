import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity';
import { AccountProvisioningService } from './account-provisioning.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { IdempotentAccountCreation } from './idempotent-account-creation';

@Module({
  imports: [TypeOrmModule.forFeature([Account])],
  controllers: [AccountsController],
  providers: [AccountsService, AccountProvisioningService, IdempotentAccountCreation],
  exports: [AccountsService, AccountProvisioningService, IdempotentAccountCreation],
})
export class AccountsModule {}
