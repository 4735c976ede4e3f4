import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityPatterns, LoginCommand, LoginReply } from '@app/contracts';
import { LoginService } from './login.service';

@Controller()
export class AuthController {
  constructor(private readonly loginService: LoginService) {}

  @MessagePattern(IdentityPatterns.login)
  login(@Payload() command: LoginCommand): Promise<LoginReply> {
    return this.loginService.login(command);
  }
}
