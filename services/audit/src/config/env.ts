import { IsInt, Matches, Max, Min } from 'class-validator';
import { MessageServiceSettings, POSTGRES_URL_MESSAGE, POSTGRES_URL_PATTERN } from '@app/platform';

export class AuditServiceSettings extends MessageServiceSettings {
  @Matches(POSTGRES_URL_PATTERN, { message: POSTGRES_URL_MESSAGE })
  AUDIT_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/rac_audit';

  /** Requests (reading the log, settings) handled at once. */
  @IsInt()
  @Min(1)
  @Max(256)
  AUDIT_PREFETCH: number = 4;

  /**
   * Events taken from `<prefix>.audit.events` at once, unacknowledged until recorded. An
   * organization's events that arrive while its previous batch is written are recorded
   * together, so this also bounds a batch.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  AUDIT_EVENTS_PREFETCH: number = 200;

  /**
   * How long (ms) an organization's first waiting event waits for others before they are
   * recorded together: fewer transactions and acknowledgements, entries that much later.
   */
  @IsInt()
  @Min(0)
  @Max(5000)
  AUDIT_EVENTS_LINGER_MS: number = 200;

  /** How often expired entries are removed (seconds). */
  @IsInt()
  @Min(1)
  @Max(86_400)
  AUDIT_RETENTION_INTERVAL_SECONDS: number = 3600;
}
