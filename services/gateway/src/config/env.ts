import { IsInt, IsOptional, Matches, Max, Min, MinLength } from 'class-validator';
import { CommonSettings, REDIS_URL_MESSAGE, REDIS_URL_PATTERN } from '@app/platform';
import { TRUST_PROXY_MESSAGE, TRUST_PROXY_PATTERN } from './trust-proxy';

export class GatewaySettings extends CommonSettings {
  @IsInt()
  @Min(1)
  @Max(65_535)
  PORT: number = 3000;

  @Matches(REDIS_URL_PATTERN, { message: REDIS_URL_MESSAGE })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Verifies access tokens; identity signs them with the same secret. */
  @MinLength(32, { message: 'is required and must be at least 32 characters' })
  JWT_SECRET!: string;

  /**
   * The address people and identity providers reach the gateway at (behind a proxy, the
   * proxy's), without a trailing slash: Single Sign-On's redirect URI, ACS URL and entity ID
   * are made from it. Unset: http://localhost:PORT.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s?#/])?$/, {
    message: 'must be an http(s) URL without a trailing slash, query or fragment',
  })
  PUBLIC_URL?: string;

  /** Comma-separated origins allowed by CORS. Unset: no cross-origin browser access. */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, {
    message: 'must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** The proxies in front of the gateway whose X-Forwarded-For is believed (see trust-proxy.ts). */
  @Matches(TRUST_PROXY_PATTERN, { message: TRUST_PROXY_MESSAGE })
  TRUST_PROXY: string = 'false';

  /** How long /health waits for each service. */
  @IsInt()
  @Min(100)
  @Max(30_000)
  HEALTH_TIMEOUT_MS: number = 2000;

  /**
   * Requests one account may send per window, whatever its tokens: an administrator's console
   * sends a few per page, so a few hundred a minute leave room for people and none for scripts
   * hammering the API.
   */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_TOKEN: number = 300;

  /**
   * Requests one client address may send per window, signed in or not. Higher than the
   * per-token limit: people behind one NAT share an address.
   */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_ADDRESS: number = 1200;

  /**
   * Requests one SCIM token may send per window, in place of RATE_LIMIT_PER_TOKEN: a
   * directory's first cycle is thousands of requests, and Microsoft asks a SCIM endpoint to
   * take 25 a second per tenant (1,500 a minute). Both directories back off on 429.
   */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_SCIM_TOKEN: number = 1500;

  /** The window of both limits; past a limit, requests are refused for one window. */
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;
}
