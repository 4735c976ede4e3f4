import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SealingModule } from '../sealing/sealing.module';
import { PasswordPoliciesService } from './password-policies.service';
import { PasswordPolicyRecord } from './password-policy.entity';
import { PasswordPolicyController } from './password-policy.controller';

@Module({
  imports: [TypeOrmModule.forFeature([PasswordPolicyRecord]), SealingModule],
  controllers: [PasswordPolicyController],
  providers: [PasswordPoliciesService],
  exports: [PasswordPoliciesService],
})
export class PasswordPolicyModule {}
