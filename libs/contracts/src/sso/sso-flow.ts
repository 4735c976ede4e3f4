import { IsIn, IsIP, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EMAIL_MAX_LENGTH } from '../limits';
import { IsEmailAddress, MaxChars } from '../text-rules';
import type { LoginReply } from '../identity/login';
import type { SsoMode } from './sso-settings';

/** A base URL the gateway is reached at (`PUBLIC_URL`), without a trailing slash. */
const PUBLIC_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s?#/])?$/;
/** A random one-time value in base64url (43 characters: 32 bytes). */
const ONE_TIME_VALUE = /^[A-Za-z0-9_-]{43}$/;
/** SHA-256 in hex. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Query `identity.sso.discover.v1`: how this email signs in. The same answer, in the same
 * time, for an unknown email as for an account of an organization without Single Sign-On.
 */
export class DiscoverSignInQuery {
  @IsEmailAddress()
  @MaxChars(EMAIL_MAX_LENGTH)
  email!: string;
}

export interface DiscoverSignInReply {
  /** `password`: ask for it; `sso`: offer the provider (`required`: go straight there). */
  method: 'password' | 'sso';
  mode: SsoMode;
}

/**
 * Command `identity.sso.start.v1`: a sign-in through the organization's provider begins.
 * For a sign-in, the organization is the email's (an unknown email is refused only after the
 * provider); for a Test sign-in, the Master Administrator's own.
 */
export class StartSsoCommand {
  @IsIn(['sign-in', 'test'])
  purpose!: 'sign-in' | 'test';

  /** A sign-in: the email the person typed. */
  @IsOptional()
  @IsEmailAddress()
  @MaxChars(EMAIL_MAX_LENGTH)
  email?: string;

  /** A Test sign-in: the Master Administrator who runs it. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Matches(PUBLIC_URL)
  @MaxLength(2048)
  publicUrl!: string;

  /** SHA-256 of the secret the gateway gave the browser (a cookie): the flow's owner. */
  @Matches(SHA256_HEX)
  browserBinding!: string;
}

export interface StartSsoReply {
  /** Where the browser goes next: the provider's sign-in page. */
  redirectUrl: string;
}

/** Command `identity.sso.finish.v1`: the provider sent the browser back. */
export class FinishSsoCommand {
  @IsUUID()
  organizationId!: string;

  @IsIn(['oidc', 'saml'])
  protocol!: 'oidc' | 'saml';

  /** OIDC: the whole callback URL as the browser requested it (query with code and state). */
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  callbackUrl?: string;

  /** SAML: the base64 `SAMLResponse` the browser posted. */
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  samlResponse?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  relayState?: string;

  @IsOptional()
  @IsIP()
  clientAddress?: string;
}

/**
 * Whatever happened, a code the browser brings to `identity.sso.complete.v1` (with its
 * binding): the outcome is told only to the browser that started the flow.
 */
export interface FinishSsoReply {
  handoff: string;
  purpose: 'sign-in' | 'test';
}

/** Command `identity.sso.complete.v1`: the browser that started the flow takes its outcome. */
export class CompleteSsoCommand {
  @Matches(ONE_TIME_VALUE)
  handoff!: string;

  /** The secret of the browser's cookie (its SHA-256 was the flow's binding). */
  @Matches(ONE_TIME_VALUE)
  browserSecret!: string;

  /** The browser's address as the gateway saw it (the sign-in event's origin). */
  @IsOptional()
  @IsIP()
  clientAddress?: string;
}

/** A sign-in's outcome is LoginReply (or its refusal); a Test sign-in's is this. */
export interface SsoTestReply {
  test: true;
  ssoId: string;
}

export type CompleteSsoReply = LoginReply | SsoTestReply;

/** Query `identity.sso.saml-metadata.get.v1`: the service provider's metadata (XML). */
export class GetSamlMetadataQuery {
  @IsUUID()
  organizationId!: string;

  @Matches(PUBLIC_URL)
  @MaxLength(2048)
  publicUrl!: string;
}

export interface SamlMetadataReply {
  xml: string;
}
