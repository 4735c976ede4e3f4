import { Inject, Injectable, Optional } from '@nestjs/common';
import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';
import { SamlServiceProvider } from './protocols/sso-protocol';
import { SAML_HANDLER } from './sso-protocols';

/** The SAML service provider's metadata of an organization, for its provider's administrator. */
@Injectable()
export class SamlServiceProviderMetadata {
  constructor(@Optional() @Inject(SAML_HANDLER) private readonly saml?: SamlServiceProvider) {}

  xml(organizationId: string, publicUrl: string): string {
    if (!this.saml) throw rpcError(ErrorCodes.SSO_NOT_CONFIGURED, 'SAML is not available');
    return this.saml.metadata({ organizationId, publicUrl });
  }
}
