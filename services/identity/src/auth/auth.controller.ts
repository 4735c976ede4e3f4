import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ChangePasswordCommand,
  ChangePasswordReply,
  IdentityPatterns,
  LoginCommand,
  LoginReply,
} from '@app/contracts';
import { LoginService } from './login.service';
import { PasswordChangeService } from './password-change.service';

@Controller()
export class AuthController {
  constructor(
    private readonly loginService: LoginService,
    private readonly passwordChange: PasswordChangeService,
  ) {}

  @MessagePattern(IdentityPatterns.login)
  login(@Payload() command: LoginCommand): Promise<LoginReply> {
    return this.loginService.login(command);
  }

  @MessagePattern(IdentityPatterns.passwordChange)
  async changePassword(@Payload() command: ChangePasswordCommand): Promise<ChangePasswordReply> {
    await this.passwordChange.change(command);
    return { accountId: command.accountId, mustChangePassword: false };
  }
}
