import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CompleteSsoCommand,
  CompleteSsoReply,
  DiscoverSignInQuery,
  DiscoverSignInReply,
  FinishSsoCommand,
  FinishSsoReply,
  GetSamlMetadataQuery,
  GetSsoSettingsQuery,
  IdentityPatterns,
  SamlMetadataReply,
  SetSsoSettingsCommand,
  SsoSettings,
  StartSsoCommand,
  StartSsoReply,
} from '@app/contracts';
import { SsoSettingsStore } from '../sso-settings/sso-settings.store';
import { SamlServiceProviderMetadata } from './saml-service-provider-metadata';
import { SignInDiscovery } from './sign-in-discovery';
import { SsoFlows } from './sso-flows.service';
import { SsoSettingsService } from './sso-settings.service';

@Controller()
export class SsoController {
  constructor(
    private readonly store: SsoSettingsStore,
    private readonly settings: SsoSettingsService,
    private readonly discovery: SignInDiscovery,
    private readonly flows: SsoFlows,
    private readonly spMetadata: SamlServiceProviderMetadata,
  ) {}

  @MessagePattern(IdentityPatterns.ssoSettingsGet)
  get(@Payload() query: GetSsoSettingsQuery): Promise<SsoSettings> {
    return this.store.view(query.organizationId);
  }

  @MessagePattern(IdentityPatterns.ssoSettingsSet)
  set(@Payload() command: SetSsoSettingsCommand): Promise<SsoSettings> {
    return this.settings.set(command);
  }

  @MessagePattern(IdentityPatterns.ssoDiscover)
  discover(@Payload() query: DiscoverSignInQuery): Promise<DiscoverSignInReply> {
    return this.discovery.discover(query);
  }

  @MessagePattern(IdentityPatterns.ssoStart)
  start(@Payload() command: StartSsoCommand): Promise<StartSsoReply> {
    return this.flows.start(command);
  }

  @MessagePattern(IdentityPatterns.ssoFinish)
  finish(@Payload() command: FinishSsoCommand): Promise<FinishSsoReply> {
    return this.flows.finish(command);
  }

  @MessagePattern(IdentityPatterns.ssoComplete)
  complete(@Payload() command: CompleteSsoCommand): Promise<CompleteSsoReply> {
    return this.flows.complete(command);
  }

  @MessagePattern(IdentityPatterns.samlMetadataGet)
  samlMetadata(@Payload() query: GetSamlMetadataQuery): SamlMetadataReply {
    return { xml: this.spMetadata.xml(query.organizationId, query.publicUrl) };
  }
}
