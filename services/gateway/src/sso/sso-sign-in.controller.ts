import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CompleteSsoCommand,
  CompleteSsoReply,
  DiscoverSignInQuery,
  DiscoverSignInReply,
  ErrorCodes,
  IdentityPatterns,
  StartSsoCommand,
  StartSsoReply,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { Public } from '../auth/auth.decorators';
import { LoginResponseDto } from '../auth/dto/login.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem/problem.exception';
import { bindBrowser, browserSecretOf, forgetBinding } from './browser-binding';
import { PublicUrl } from './public-url';
import { CompleteSsoDto, SignInEmailDto } from './sso-sign-in.dto';
import { DiscoverSignInDto, SsoRedirectDto, SsoTestResultDto } from './sso-settings-view.dto';
import { normalizeAddress } from '../http/client-address';

/** The sign-in page's side of Single Sign-On: which way an email signs in, begin, complete. */
@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoSignInController {
  constructor(
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Post('discover')
  @HttpCode(200)
  @ApiOperation({
    summary: 'How an email signs in: with a password, or through its organization',
    description: 'An unknown email answers as an organization without Single Sign-On.',
  })
  @ApiOkResponse({ type: DiscoverSignInDto })
  @ApiProblems(400)
  discover(@Body() body: SignInEmailDto): Promise<DiscoverSignInReply> {
    return this.identity.send(IdentityPatterns.ssoDiscover, {
      email: body.email,
    } satisfies DiscoverSignInQuery);
  }

  @Post('start')
  @HttpCode(200)
  @ApiOperation({
    summary: "Begin a sign-in through the email's organization's identity provider",
    description: 'Sets the cookie that binds the sign-in to this browser; open `redirectUrl`.',
  })
  @ApiOkResponse({ type: SsoRedirectDto })
  @ApiProblems(400, 409)
  start(
    @Body() body: SignInEmailDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StartSsoReply> {
    return this.identity.send(IdentityPatterns.ssoStart, {
      purpose: 'sign-in',
      email: body.email,
      publicUrl: this.publicUrl.base,
      browserBinding: bindBrowser(response, this.publicUrl.secure),
    } satisfies StartSsoCommand);
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take the outcome of a sign-in through the provider',
    description:
      'Answers the access token a password sign-in gives (or, for a Test sign-in, the ' +
      'Single Sign-On ID the provider gave), only to the browser that began it.',
  })
  @ApiExtraModels(LoginResponseDto, SsoTestResultDto)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(LoginResponseDto) }, { $ref: getSchemaPath(SsoTestResultDto) }],
    },
  })
  @ApiProblems(400, 401, 403, 429)
  async complete(
    @Body() body: CompleteSsoDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CompleteSsoReply> {
    const browserSecret = browserSecretOf(request);
    if (!browserSecret) {
      throw new ProblemException(
        ErrorCodes.SSO_FAILED,
        'this sign-in was not started in this browser; start again',
        undefined,
        { reason: 'state-mismatch' },
      );
    }
    const reply = await this.identity.send<CompleteSsoReply>(IdentityPatterns.ssoComplete, {
      handoff: body.handoff,
      browserSecret,
      clientAddress: normalizeAddress(request.ip),
    } satisfies CompleteSsoCommand);
    forgetBinding(response, this.publicUrl.secure);
    return reply;
  }
}
