import {
  DEPENDENCY_LABELS,
  dependencyHint,
  DependencyName,
  describeConnectionError,
  urlWithoutPassword,
} from './connection-error';

/** Pino's and Nest's loggers both fit (for pino, pass `{ warn, log: info }`). */
export interface DependencyLogger {
  warn(details: object, message: string): void;
  log(details: object, message: string): void;
}

/** At most one warning per dependency this often while it stays unreachable. */
export const UNREACHABLE_WARNING_INTERVAL_MS = 10_000;

/**
 * Says, for one dependency of this process, that it does not answer: the URL without its
 * password, the cause and what to do, at once and then at most every 10 s (or sooner when
 * the cause changes), and once when it answers again. Every connection of the process to
 * that dependency reports here, so a broker that four connections retry gives one line.
 */
export class UnreachableDependencyLog {
  private since?: number;
  private lastWarnedAt = 0;
  private lastCause?: string;
  private lastError?: unknown;

  constructor(
    readonly dependency: DependencyName,
    readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  get unreachable(): boolean {
    return this.since !== undefined;
  }

  failed(error: unknown, logger: DependencyLogger): void {
    const now = this.now();
    this.since ??= now;
    this.lastError = error;
    const cause = describeConnectionError(error);
    if (cause === this.lastCause && now - this.lastWarnedAt < UNREACHABLE_WARNING_INTERVAL_MS)
      return;
    this.lastWarnedAt = now;
    this.lastCause = cause;
    const url = urlWithoutPassword(this.url);
    const label = DEPENDENCY_LABELS[this.dependency];
    const hint = dependencyHint(this.dependency, cause);
    logger.warn(
      {
        dependency: this.dependency,
        url,
        error: cause,
        hint,
        unreachableForSeconds: Math.round((now - this.since) / 1000),
      },
      `${label} does not answer at ${url} (${cause}): ${hint}`,
    );
  }

  /** For a client that retries slower than the warnings: warns again with the last cause, when due. */
  stillFailing(logger: DependencyLogger): void {
    if (this.since !== undefined) this.failed(this.lastError, logger);
  }

  answered(logger: DependencyLogger): void {
    if (this.since === undefined) return;
    const url = urlWithoutPassword(this.url);
    logger.log(
      {
        dependency: this.dependency,
        url,
        unreachableForSeconds: Math.round((this.now() - this.since) / 1000),
      },
      `${DEPENDENCY_LABELS[this.dependency]} answers again at ${url}`,
    );
    this.since = undefined;
    this.lastCause = undefined;
    this.lastError = undefined;
    this.lastWarnedAt = 0;
  }
}

const logs = new Map<string, UnreachableDependencyLog>();

/** The process's log for a dependency at a URL: shared by every connection to it. */
export function unreachableDependencyLog(
  dependency: DependencyName,
  url: string,
): UnreachableDependencyLog {
  const key = `${dependency} ${url}`;
  let log = logs.get(key);
  if (!log) {
    log = new UnreachableDependencyLog(dependency, url);
    logs.set(key, log);
  }
  return log;
}

/** The adapter for a pino logger (the one used before Nest starts). */
export function pinoDependencyLogger(logger: {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}): DependencyLogger {
  return {
    warn: (details, message) => logger.warn(details, message),
    log: (details, message) => logger.info(details, message),
  };
}
