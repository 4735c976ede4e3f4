import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenVerifier } from './access-token.verifier';

/** Verification of bearer tokens, for the access guard and the per-token rate limit. */
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenVerifier],
  exports: [AccessTokenVerifier],
})
export class AuthModule {}
