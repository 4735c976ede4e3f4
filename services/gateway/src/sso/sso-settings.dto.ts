import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsProviderUrl, SSO_LIMITS, SSO_MODES, SSO_PROTOCOLS } from '@app/contracts';
import type { SsoMode, SsoProtocol } from '@app/contracts';
import { ApiFields } from '../openapi/api-fields';

const CLAIM = /^[A-Za-z0-9_:./-]{1,128}$/;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,64}$/;
const url = { type: String, format: 'uri', maxLength: SSO_LIMITS.urlMaxLength };
const claim = { type: String, pattern: CLAIM.source, maxLength: 128 };

export class OidcSettingsDto {
  @ApiProperty({ ...url, description: 'The issuer; its discovery document is read from it' })
  @IsProviderUrl()
  @MaxLength(SSO_LIMITS.urlMaxLength)
  issuer!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: SSO_LIMITS.clientIdMaxLength })
  @IsString()
  @MinLength(1)
  @MaxLength(SSO_LIMITS.clientIdMaxLength)
  clientId!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'password',
    writeOnly: true,
    maxLength: 512,
    description: 'Write-only; leave out to keep the secret saved before',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  clientSecret?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: SSO_LIMITS.scopesMax,
    maxLength: 64,
    example: ['openid', 'email', 'profile'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SSO_LIMITS.scopesMax)
  @Matches(SCOPE, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({
    ...claim,
    description: 'The claim matched with the Single Sign-On ID; default sub',
  })
  @IsOptional()
  @Matches(CLAIM)
  ssoIdClaim?: string;
}

export class SamlSettingsDto {
  @ApiPropertyOptional({ type: String, maxLength: SSO_LIMITS.metadataMaxLength })
  @ValidateIf((o: SamlSettingsDto) => o.metadataUrl === undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(SSO_LIMITS.metadataMaxLength)
  metadataXml?: string;

  @ApiPropertyOptional({ ...url, description: 'Read when saved, and again daily' })
  @ValidateIf((o: SamlSettingsDto) => o.metadataXml === undefined)
  @IsProviderUrl()
  @MaxLength(SSO_LIMITS.urlMaxLength)
  metadataUrl?: string;

  @ApiPropertyOptional({ ...claim, description: 'NameID (default) or an attribute name' })
  @IsOptional()
  @Matches(CLAIM)
  ssoIdAttribute?: string;
}

export class SsoSettingsDto {
  @ApiProperty({ enum: SSO_MODES })
  @IsIn(SSO_MODES)
  mode!: SsoMode;

  @ApiPropertyOptional({ enum: SSO_PROTOCOLS })
  @ValidateIf((o: SsoSettingsDto) => o.mode !== 'off' || o.protocol !== undefined)
  @IsIn(SSO_PROTOCOLS)
  protocol?: SsoProtocol;

  @ApiPropertyOptional({ type: OidcSettingsDto })
  @ValidateIf((o: SsoSettingsDto) => o.protocol === 'oidc')
  @ValidateNested()
  @Type(() => OidcSettingsDto)
  oidc?: OidcSettingsDto;

  @ApiPropertyOptional({ type: SamlSettingsDto })
  @ValidateIf((o: SsoSettingsDto) => o.protocol === 'saml')
  @ValidateNested()
  @Type(() => SamlSettingsDto)
  saml?: SamlSettingsDto;

  @ApiProperty({
    ...ApiFields.uuids(SSO_LIMITS.breakGlassMax),
    description: 'Master Administrators who keep their password while mode is required',
  })
  @IsArray()
  @ArrayMaxSize(SSO_LIMITS.breakGlassMax)
  @IsUUID('all', { each: true })
  breakGlassAccountIds!: string[];
}
