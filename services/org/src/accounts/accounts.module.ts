import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../sessions/sessions.module';
import { Account } from './account.entity';
import { AccountProvisioningService } from './account-provisioning.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { IdempotentAccountCreation } from './idempotent-account-creation';
import { PasswordCheck } from './password-check';

@Module({
  imports: [TypeOrmModule.forFeature([Account]), SessionsModule],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    AccountProvisioningService,
    IdempotentAccountCreation,
    PasswordCheck,
  ],
  exports: [AccountsService, AccountProvisioningService, IdempotentAccountCreation, PasswordCheck],
})
export class AccountsModule {}
