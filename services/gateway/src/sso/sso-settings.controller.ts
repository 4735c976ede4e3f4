import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AuthorizeQuery,
  GetSsoSettingsQuery,
  IdentityPatterns,
  OrganizationAction,
  OrgPatterns,
  Roles,
  SetSsoSettingsCommand,
  SsoSettings,
  ssoUrls,
  StartSsoCommand,
  StartSsoReply,
} from '@app/contracts';
import { InjectRpcClient, PasswordSealer, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { bindBrowser } from './browser-binding';
import { PublicUrl } from './public-url';
import { SsoSettingsDto } from './sso-settings.dto';
import { SsoRedirectDto, SsoSettingsViewDto } from './sso-settings-view.dto';

/** Global Settings → Single Sign-On: kept by identity, for Master Administrators only. */
@ApiTags('settings')
@ApiBearerAuth()
@ApiProblems(401, 403)
@AllowRoles(Roles.MASTER_ADMIN)
@Controller('settings/sso')
export class SsoSettingsController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
    private readonly sealer: PasswordSealer,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organization's Single Sign-On settings and its addresses" })
  @ApiOkResponse({ type: SsoSettingsViewDto })
  async get(@CurrentActor() actor: RequestActor): Promise<SsoSettingsViewDto> {
    await this.authorize(actor, 'organization.settings.read');
    const settings = await this.identity.send<SsoSettings>(IdentityPatterns.ssoSettingsGet, {
      organizationId: actor.organizationId,
    } satisfies GetSsoSettingsQuery);
    return this.withAddresses(actor.organizationId, settings);
  }

  @Put()
  @ApiOperation({
    summary: "Replace the organization's Single Sign-On settings",
    description:
      '`clientSecret` is write-only (leave it out to keep the saved one). `mode: required` is ' +
      'refused with 409 `SSO_TEST_REQUIRED` until a Test sign-in succeeded with these settings.',
  })
  @ApiOkResponse({ type: SsoSettingsViewDto })
  @ApiProblems(400, 409)
  async set(
    @CurrentActor() actor: RequestActor,
    @Body() body: SsoSettingsDto,
  ): Promise<SsoSettingsViewDto> {
    await this.authorize(actor, 'organization.settings.write');
    const send = (sealedClientSecret?: string) =>
      this.identity.send<SsoSettings>(IdentityPatterns.ssoSettingsSet, {
        organizationId: actor.organizationId,
        actor: toActor(actor),
        mode: body.mode,
        protocol: body.protocol,
        oidc: body.oidc && {
          issuer: body.oidc.issuer,
          clientId: body.oidc.clientId,
          sealedClientSecret,
          scopes: body.oidc.scopes,
          ssoIdClaim: body.oidc.ssoIdClaim,
        },
        saml: body.saml && {
          metadataXml: body.saml.metadataXml,
          metadataUrl: body.saml.metadataUrl,
          ssoIdAttribute: body.saml.ssoIdAttribute,
        },
        breakGlassAccountIds: body.breakGlassAccountIds,
      } satisfies SetSsoSettingsCommand);
    const secret = body.protocol === 'oidc' ? body.oidc?.clientSecret : undefined;
    const settings = secret ? await this.sealer.withSealed(secret, send) : await send();
    return this.withAddresses(actor.organizationId, settings);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Begin a Test sign-in through the provider, as yourself',
    description:
      'Open `redirectUrl` in a new window; the provider sends it back to the sign-in page, ' +
      'which reports success or the reason. Sets the cookie that binds the flow to this browser.',
  })
  @ApiOkResponse({ type: SsoRedirectDto })
  @ApiProblems(409)
  async test(
    @CurrentActor() actor: RequestActor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StartSsoReply> {
    await this.authorize(actor, 'organization.settings.write');
    return this.identity.send<StartSsoReply>(IdentityPatterns.ssoStart, {
      purpose: 'test',
      accountId: actor.accountId,
      organizationId: actor.organizationId,
      publicUrl: this.publicUrl.base,
      browserBinding: bindBrowser(response, this.publicUrl.secure),
    } satisfies StartSsoCommand);
  }

  private withAddresses(organizationId: string, settings: SsoSettings): SsoSettingsViewDto {
    const urls = ssoUrls(this.publicUrl.base, organizationId);
    return {
      ...settings,
      oidc: { ...settings.oidc, redirectUri: urls.oidcRedirectUri },
      saml: {
        ...settings.saml,
        entityId: urls.samlEntityId,
        acsUrl: urls.samlAcsUrl,
        serviceProviderMetadataUrl: urls.samlMetadataUrl,
      },
    };
  }

  private async authorize(actor: RequestActor, action: OrganizationAction): Promise<void> {
    await this.org.send(OrgPatterns.authorize, {
      actor: toActor(actor),
      action,
    } satisfies AuthorizeQuery);
  }
}
