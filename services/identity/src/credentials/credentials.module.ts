import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordDigestModule } from '../password-digest/password-digest.module';
import { PasswordPolicyModule } from '../password-policy/password-policy.module';
import { SealingModule } from '../sealing/sealing.module';
import { Credential } from './credential.entity';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [
    TypeOrmModule.forFeature([Credential]),
    SealingModule,
    PasswordPolicyModule,
    PasswordDigestModule,
  ],
  controllers: [CredentialsController],
  providers: [CredentialsService, PasswordHasher],
  exports: [CredentialsService, PasswordHasher],
})
export class CredentialsModule {}
