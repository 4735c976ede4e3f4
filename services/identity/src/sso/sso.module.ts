import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SealingKeyStoreModule } from '@app/platform';
import { AuthModule } from '../auth/auth.module';
import { SsoSettingsModule } from '../sso-settings/sso-settings.module';
import { OidcProtocol } from './protocols/oidc-protocol';
import { SamlProtocol } from './protocols/saml-protocol';
import { ProviderMetadata } from './provider-metadata';
import { SamlServiceProviderMetadata } from './saml-service-provider-metadata';
import { SeenAssertion } from './seen-assertion.entity';
import { SignInDiscovery } from './sign-in-discovery';
import { SsoFlow } from './sso-flow.entity';
import { SsoFlowSweep } from './sso-flow-sweep';
import { SsoFlows } from './sso-flows.service';
import { OIDC_HANDLER, SAML_HANDLER, SsoProtocols } from './sso-protocols';
import { SsoSettingsService } from './sso-settings.service';
import { SsoSignInCheck } from './sso-sign-in-check';
import { SsoController } from './sso.controller';

/** Single Sign-On: settings, the email step, and sign-ins through OIDC and SAML providers. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SsoFlow, SeenAssertion]),
    SealingKeyStoreModule,
    SsoSettingsModule,
    AuthModule,
  ],
  controllers: [SsoController],
  providers: [
    SsoSettingsService,
    ProviderMetadata,
    SignInDiscovery,
    SsoProtocols,
    { provide: OIDC_HANDLER, useClass: OidcProtocol },
    SsoFlows,
    SsoSignInCheck,
    SsoFlowSweep,
    SamlServiceProviderMetadata,
    { provide: SAML_HANDLER, useClass: SamlProtocol },
  ],
})
export class SsoModule {}
