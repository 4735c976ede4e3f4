/** The three things every service depends on, as operators name them. */
export type DependencyName = 'postgres' | 'redis' | 'rabbitmq';

export const DEPENDENCY_LABELS: Record<DependencyName, string> = {
  postgres: 'Postgres',
  redis: 'Redis',
  rabbitmq: 'RabbitMQ',
};

/** What an operator can do about it, by cause: fix the URL, or start the dependency. */
export function dependencyHint(dependency: DependencyName, cause: string): string {
  const label = DEPENDENCY_LABELS[dependency];
  if (cause === 'authentication failed') return `check the user and password in the ${label} URL`;
  if (cause === 'unknown host') return `check the host name in the ${label} URL`;
  return `start it (\`docker compose up -d ${dependency}\`, or see "When something is missing" in README.md)`;
}

/** The URL as it can be logged: user, host, port and path, never the password. */
export function urlWithoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(not a valid URL)';
  }
}

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  err?: unknown;
}

/**
 * Names the cause of a failed connection in the operator's words, whichever client failed
 * (pg, ioredis, amqplib): refused, unknown host, authentication, timed out, reset.
 */
export function describeConnectionError(error: unknown): string {
  const err = typeof error === 'object' && error !== null ? unwrap(error) : {};
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : String(error);
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) return 'connection refused';
  if (
    ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'].includes(code) ||
    /ENOTFOUND|EAI_AGAIN/.test(message)
  )
    return 'unknown host';
  // Postgres 28P01/28000, RabbitMQ 403 ACCESS-REFUSED, Redis WRONGPASS/NOAUTH.
  if (
    ['28P01', '28000'].includes(code) ||
    /ACCESS[-_]REFUSED|authentication failed|WRONGPASS|NOAUTH|invalid password/i.test(message)
  )
    return 'authentication failed';
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(message)) return 'timed out';
  if (
    ['ECONNRESET', 'EPIPE'].includes(code) ||
    /ECONNRESET|socket closed|Connection closed/i.test(message)
  )
    return 'connection closed';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  return message.slice(0, 200);
}

/** amqp-connection-manager wraps the error as `{ err, url }`. */
function unwrap(error: ErrorLike): ErrorLike {
  if (error.err && typeof error.err === 'object' && !('message' in error && error.message))
    return error.err;
  return error;
}
