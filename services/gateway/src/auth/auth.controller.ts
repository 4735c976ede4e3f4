import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse } from '@nestjs/swagger';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ChangePasswordCommand,
  IdentityPatterns,
  LoginCommand,
  LoginReply,
  OrgPatterns,
  SignOutCommand,
} from '@app/contracts';
import { InjectRpcClient, PasswordSealer, RpcClient } from '@app/platform';
import { normalizeAddress } from '../http/client-address';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AllowedBeforePasswordChange, CurrentActor, Public } from './auth.decorators';
import { ChangePasswordDto } from './dto/change-password.dto';
import { RequestActor, toActor } from './request-actor';
import { LoginDto, LoginResponseDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly sealer: PasswordSealer,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 403)
  @ApiResponse({
    status: 429,
    description: 'TOO_MANY_ATTEMPTS: too many failed sign-ins of the account or from the address',
  })
  login(@Body() body: LoginDto, @Ip() clientAddress: string): Promise<LoginReply> {
    return this.sealer.withSealed(body.password, (sealedPassword) =>
      this.identity.send<LoginReply>(IdentityPatterns.login, {
        email: body.email,
        sealedPassword,
        clientAddress: normalizeAddress(clientAddress),
      } satisfies LoginCommand),
    );
  }

  @Post('change-password')
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password (sign in again afterwards)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 422, 429)
  async changePassword(
    @CurrentActor() actor: RequestActor,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.sealer.withSealedMany([body.currentPassword, body.newPassword], ([current, next]) =>
      this.identity.send(IdentityPatterns.passwordChange, {
        accountId: actor.accountId,
        organizationId: actor.organizationId,
        sealedCurrentPassword: current,
        sealedNewPassword: next,
        issuedAt: actor.issuedAt,
        sessionId: actor.sessionId,
        origin: toActor(actor).origin,
      } satisfies ChangePasswordCommand),
    );
  }

  @Post('logout')
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out: end the session of this token',
    description:
      'The token is refused from then on, at the REST API and over RabbitMQ, by every service; ' +
      "the account's other sessions go on. Signing out again with the same token answers 401 " +
      '`UNAUTHENTICATED`, as any request with it does: forget the token whatever the answer.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(401)
  async logout(@CurrentActor() actor: RequestActor): Promise<void> {
    await this.org.send(OrgPatterns.signOut, {
      actor: toActor(actor),
      expiresAt: actor.expiresAt,
    } satisfies SignOutCommand);
  }
}
