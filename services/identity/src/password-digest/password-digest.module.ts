import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SealingModule } from '../sealing/sealing.module';
import { PasswordDigestSecret } from './password-digest-secret.entity';
import { PasswordDigestController } from './password-digest.controller';
import { PasswordDigestsService } from './password-digests.service';

@Module({
  imports: [TypeOrmModule.forFeature([PasswordDigestSecret]), SealingModule],
  controllers: [PasswordDigestController],
  providers: [PasswordDigestsService],
  exports: [PasswordDigestsService],
})
export class PasswordDigestModule {}
