import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { AccessController } from './access.controller';
import { AccessService } from './access.service';

/** What identity, the gateway and import ask of an account: sign-in, profile, sessions, authorize. */
@Module({
  imports: [SessionsModule],
  controllers: [AccessController],
  providers: [AccessService],
})
export class AccessModule {}
