import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { CredentialsModule } from '../credentials/credentials.module';
import { PasswordPolicyModule } from '../password-policy/password-policy.module';
import { SealingModule } from '../sealing/sealing.module';
import { SsoSettingsModule } from '../sso-settings/sso-settings.module';
import { AuthController } from './auth.controller';
import { LoginService } from './login.service';
import { PasswordChangeService } from './password-change.service';
import { SignInEvents } from './sign-in-events';
import { SignInLimits } from './sign-in-limits';
import { TokenIssuer } from './token-issuer';

@Module({
  imports: [
    JwtModule.register({}),
    CredentialsModule,
    SealingModule,
    PasswordPolicyModule,
    SsoSettingsModule,
  ],
  controllers: [AuthController],
  providers: [LoginService, PasswordChangeService, TokenIssuer, SignInLimits, SignInEvents],
  exports: [TokenIssuer, SignInLimits, SignInEvents],
})
export class AuthModule {}
