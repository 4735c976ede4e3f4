import { Module } from '@nestjs/common';
import { AccessTokenVerifier } from './access-token.verifier';

/** Verification of bearer tokens, for the access guard and the per-token rate limit. */
@Module({
  providers: [AccessTokenVerifier],
  exports: [AccessTokenVerifier],
})
export class AuthModule {}
