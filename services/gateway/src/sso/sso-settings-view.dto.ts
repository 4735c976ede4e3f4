import { ApiProperty } from '@nestjs/swagger';
import { SSO_LIMITS, SSO_MODES, SSO_PROTOCOLS } from '@app/contracts';
import type { SsoMode, SsoProtocol } from '@app/contracts';
import { ApiFields } from '../openapi/api-fields';

const url = { type: String, format: 'uri', maxLength: SSO_LIMITS.urlMaxLength };
const text = { type: String, maxLength: 256 };

export class OidcSettingsViewDto {
  @ApiProperty(url) issuer!: string;
  @ApiProperty(text) clientId!: string;
  @ApiProperty({ description: 'Whether a client secret is saved (it is never answered)' })
  clientSecretSet!: boolean;
  @ApiProperty({ type: [String], maxItems: SSO_LIMITS.scopesMax, maxLength: 64 })
  scopes!: string[];
  @ApiProperty(text) ssoIdClaim!: string;
  @ApiProperty({ ...url, description: "To register at the provider as the client's redirect URI" })
  redirectUri!: string;
}

export class SamlSettingsViewDto {
  @ApiProperty({ type: String, nullable: true, maxLength: SSO_LIMITS.metadataMaxLength })
  metadataXml!: string | null;
  @ApiProperty({ ...url, nullable: true }) metadataUrl!: string | null;
  @ApiProperty(text) ssoIdAttribute!: string;
  @ApiProperty({ ...ApiFields.dateTime, nullable: true }) metadataReadAt!: string | null;
  @ApiProperty({ ...url, description: "The service provider's entity ID" }) entityId!: string;
  @ApiProperty({ ...url, description: 'The Assertion Consumer Service URL' }) acsUrl!: string;
  @ApiProperty({ ...url, description: "The service provider's metadata" })
  serviceProviderMetadataUrl!: string;
}

export class SsoSettingsViewDto {
  @ApiProperty({ enum: SSO_MODES }) mode!: SsoMode;
  @ApiProperty({ enum: SSO_PROTOCOLS, nullable: true }) protocol!: SsoProtocol | null;
  @ApiProperty({
    type: OidcSettingsViewDto,
    description: 'The redirect URI is there even before any OIDC setting',
  })
  oidc!: Partial<OidcSettingsViewDto> & { redirectUri: string };
  @ApiProperty({ type: SamlSettingsViewDto })
  saml!: Partial<SamlSettingsViewDto> &
    Pick<SamlSettingsViewDto, 'entityId' | 'acsUrl' | 'serviceProviderMetadataUrl'>;
  @ApiProperty(ApiFields.uuids(SSO_LIMITS.breakGlassMax)) breakGlassAccountIds!: string[];
  @ApiProperty({
    ...ApiFields.dateTime,
    nullable: true,
    description: 'When a Test sign-in last succeeded with these settings; required needs one',
  })
  testSucceededAt!: string | null;
  @ApiProperty({ ...ApiFields.dateTime, nullable: true }) updatedAt!: string | null;
}

export class SsoRedirectDto {
  @ApiProperty({ ...url, description: "The provider's sign-in page: open it in the browser" })
  redirectUrl!: string;
}

export class DiscoverSignInDto {
  @ApiProperty({ enum: ['password', 'sso'] }) method!: 'password' | 'sso';
  @ApiProperty({ enum: SSO_MODES }) mode!: SsoMode;
}

export class SsoTestResultDto {
  @ApiProperty({ enum: [true] }) test!: true;
  @ApiProperty(text) ssoId!: string;
}
