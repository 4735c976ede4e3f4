import { IsInt, IsOptional, Matches, Max, Min, MinLength } from 'class-validator';
import { CommonSettings, REDIS_URL_MESSAGE, REDIS_URL_PATTERN } from '@app/platform';
import { TRUST_PROXY_MESSAGE, TRUST_PROXY_PATTERN } from '../http/trust-proxy';

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

  /** Comma-separated origins allowed by CORS. Unset: no cross-origin browser access. */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, {
    message: 'must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** The proxies in front of the gateway whose X-Forwarded-For is believed (see http/trust-proxy.ts). */
  @Matches(TRUST_PROXY_PATTERN, { message: TRUST_PROXY_MESSAGE })
  TRUST_PROXY: string = 'false';

  /** How long /health waits for each service. */
  @IsInt()
  @Min(100)
  @Max(30_000)
  HEALTH_TIMEOUT_MS: number = 2000;
}
