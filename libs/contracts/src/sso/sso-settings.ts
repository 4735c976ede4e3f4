import { Actor } from '../actor';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsSealedSecret } from '../sealed-secret';

export const SSO_MODES = ['off', 'optional', 'required'] as const;
export type SsoMode = (typeof SSO_MODES)[number];
export const SSO_PROTOCOLS = ['oidc', 'saml'] as const;
export type SsoProtocol = (typeof SSO_PROTOCOLS)[number];

/** What a new OIDC configuration asks for, and the claim compared with the Single Sign-On ID. */
export const OIDC_DEFAULTS = { scopes: ['openid', 'email', 'profile'], ssoIdClaim: 'sub' };
/** `NameID`: the assertion's subject; any other value names an attribute. */
export const SAML_DEFAULTS = { ssoIdAttribute: 'NameID' };
/** Bounds of the settings an administrator types. */
export const SSO_LIMITS = {
  urlMaxLength: 2048,
  clientIdMaxLength: 256,
  scopesMax: 20,
  nameMaxLength: 128,
  /** Metadata of a provider with many certificates stays far below. */
  metadataMaxLength: 200_000,
  breakGlassMax: 10,
} as const;

/** A URL of the provider: https, or http on a loopback address (a provider on this machine). */
export const IsProviderUrl = () =>
  IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true });

const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,128}$/;

/** OpenID Connect: the provider, the client registered there, and the claim to match. */
export class OidcSettingsInput {
  @IsProviderUrl()
  @MaxLength(SSO_LIMITS.urlMaxLength)
  issuer!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(SSO_LIMITS.clientIdMaxLength)
  clientId!: string;

  /** Write-only: sealed to identity's key; absent keeps the secret stored before. */
  @IsOptional()
  @IsSealedSecret()
  sealedClientSecret?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SSO_LIMITS.scopesMax)
  @Matches(/^[\x21\x23-\x5B\x5D-\x7E]{1,64}$/, { each: true })
  scopes?: string[];

  @IsOptional()
  @Matches(CLAIM_NAME)
  ssoIdClaim?: string;
}

/** SAML 2.0: the provider's metadata (given, or read from a URL daily) and what to match. */
export class SamlSettingsInput {
  @ValidateIf((o: SamlSettingsInput) => o.metadataUrl === undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(SSO_LIMITS.metadataMaxLength)
  metadataXml?: string;

  @ValidateIf((o: SamlSettingsInput) => o.metadataXml === undefined)
  @IsProviderUrl()
  @MaxLength(SSO_LIMITS.urlMaxLength)
  metadataUrl?: string;

  @IsOptional()
  @Matches(CLAIM_NAME)
  ssoIdAttribute?: string;
}

/** Command `identity.sso.settings.set.v1`: replaces an organization's Single Sign-On settings. */
export class SetSsoSettingsCommand {
  @IsUUID()
  organizationId!: string;

  /** Who saves them, and from where (their event's principal and origin). */
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsIn(SSO_MODES)
  mode!: SsoMode;

  @ValidateIf((o: SetSsoSettingsCommand) => o.mode !== 'off' || o.protocol !== undefined)
  @IsIn(SSO_PROTOCOLS)
  protocol?: SsoProtocol;

  @ValidateIf((o: SetSsoSettingsCommand) => o.protocol === 'oidc')
  @ValidateNested()
  @Type(() => OidcSettingsInput)
  oidc?: OidcSettingsInput;

  @ValidateIf((o: SetSsoSettingsCommand) => o.protocol === 'saml')
  @ValidateNested()
  @Type(() => SamlSettingsInput)
  saml?: SamlSettingsInput;

  /** Master Administrators who keep their password while `mode` is `required`. */
  @IsArray()
  @ArrayMaxSize(SSO_LIMITS.breakGlassMax)
  @IsUUID('all', { each: true })
  breakGlassAccountIds!: string[];
}

/** Query `identity.sso.settings.get.v1`. */
export class GetSsoSettingsQuery {
  @IsUUID()
  organizationId!: string;
}

/** An organization's Single Sign-On settings as stored (never the client secret). */
export interface SsoSettings {
  mode: SsoMode;
  protocol: SsoProtocol | null;
  oidc: {
    issuer: string;
    clientId: string;
    clientSecretSet: boolean;
    scopes: string[];
    ssoIdClaim: string;
  } | null;
  saml: {
    metadataXml: string | null;
    metadataUrl: string | null;
    ssoIdAttribute: string;
    /** When the metadata was last read from `metadataUrl`. */
    metadataReadAt: string | null;
  } | null;
  breakGlassAccountIds: string[];
  /** When a Test sign-in last succeeded with these protocol settings; `required` needs one. */
  testSucceededAt: string | null;
  updatedAt: string | null;
}
