import { Body, Controller, Get, Header, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  FinishSsoCommand,
  FinishSsoReply,
  GetSamlMetadataQuery,
  IdentityPatterns,
  SamlMetadataReply,
} from '@app/contracts';
import { InjectRpcClient, RpcCallError, RpcClient } from '@app/platform';
import { Public } from '../auth/auth.decorators';
import { normalizeAddress } from '../http/client-address';
import { UuidParam } from '../http/uuid.pipe';
import { PublicUrl } from './public-url';

/** Where the sign-in page takes over: it completes the sign-in or says why it failed. */
const SIGN_IN_PAGE = '/sign-in/sso';

/**
 * The identity provider's side: the browser comes back here from the provider (an OIDC
 * redirect, a SAML POST); identity checks the answer, and the browser is sent on to the
 * sign-in page with a one-time handoff (or, when the answer matches no flow, the reason).
 */
@ApiTags('auth')
@Public()
@Controller('sso/:organizationId')
export class SsoProviderController {
  constructor(
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get('oidc/callback')
  @ApiExcludeEndpoint()
  async oidcCallback(
    @UuidParam('organizationId') organizationId: string,
    @Req() request: Request,
    @Res() response: Response,
    @Ip() clientAddress: string,
  ): Promise<void> {
    await this.finish(response, {
      organizationId,
      protocol: 'oidc',
      // The URL as the provider was told it (PUBLIC_URL): the token request repeats it.
      callbackUrl: `${this.publicUrl.base}${request.originalUrl}`,
      clientAddress: normalizeAddress(clientAddress),
    });
  }

  @Post('saml/acs')
  @ApiExcludeEndpoint()
  async samlAcs(
    @UuidParam('organizationId') organizationId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
    @Ip() clientAddress: string,
  ): Promise<void> {
    await this.finish(response, {
      organizationId,
      protocol: 'saml',
      samlResponse: typeof body.SAMLResponse === 'string' ? body.SAMLResponse : undefined,
      relayState: typeof body.RelayState === 'string' ? body.RelayState : undefined,
      clientAddress: normalizeAddress(clientAddress),
    });
  }

  @Get('saml/metadata')
  @Header('Content-Type', 'application/samlmetadata+xml')
  @ApiOperation({ summary: "The organization's SAML service provider metadata" })
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({ schema: { type: 'string', maxLength: 100_000 } })
  async samlMetadata(@UuidParam('organizationId') organizationId: string): Promise<string> {
    const reply = await this.identity.send<SamlMetadataReply>(IdentityPatterns.samlMetadataGet, {
      organizationId,
      publicUrl: this.publicUrl.base,
    } satisfies GetSamlMetadataQuery);
    return reply.xml;
  }

  private async finish(response: Response, command: FinishSsoCommand): Promise<void> {
    const query = new URLSearchParams();
    try {
      const reply = await this.identity.send<FinishSsoReply>(IdentityPatterns.ssoFinish, command);
      query.set('handoff', reply.handoff);
    } catch (err) {
      if (!(err instanceof RpcCallError)) throw err;
      query.set('error', err.code);
      const reason = err.details?.reason;
      if (typeof reason === 'string') query.set('reason', reason);
    }
    response.redirect(303, `${SIGN_IN_PAGE}?${query.toString()}`);
  }
}
