import { describeConnectionError, urlWithoutPassword } from './connection-error';
import {
  DependencyLogger,
  UNREACHABLE_WARNING_INTERVAL_MS,
  UnreachableDependencyLog,
} from './unreachable-dependency-log';

function recordingLogger(): DependencyLogger & {
  lines: { level: string; details: Record<string, unknown>; message: string }[];
} {
  const lines: { level: string; details: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    warn: (details, message) =>
      lines.push({ level: 'warn', details: details as Record<string, unknown>, message }),
    log: (details, message) =>
      lines.push({ level: 'info', details: details as Record<string, unknown>, message }),
  };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), {
  code: 'ECONNREFUSED',
});

describe('UnreachableDependencyLog', () => {
  let now: number;
  let log: UnreachableDependencyLog;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(() => {
    now = 1_000_000;
    log = new UnreachableDependencyLog(
      'rabbitmq',
      'amqp://svc:s3cret@broker:5999/vhost',
      () => now,
    );
    logger = recordingLogger();
  });

  it('warns at once, naming the URL without its password, the cause and a hint', () => {
    log.failed(refused, logger);
    expect(logger.lines).toHaveLength(1);
    const [line] = logger.lines;
    expect(line.level).toBe('warn');
    expect(line.details).toMatchObject({
      dependency: 'rabbitmq',
      url: 'amqp://svc@broker:5999/vhost',
      error: 'connection refused',
    });
    expect(line.details.hint).toContain('docker compose up -d rabbitmq');
    expect(line.message).toBe(
      `RabbitMQ does not answer at amqp://svc@broker:5999/vhost (connection refused): ${String(line.details.hint)}`,
    );
    expect(JSON.stringify(logger.lines)).not.toContain('s3cret');
  });

  it('says it again at most every 10 s while the same cause repeats', () => {
    for (let second = 0; second < 35; second++) {
      log.failed(refused, logger);
      now += 1000;
    }
    expect(logger.lines.map((l) => l.details.unreachableForSeconds)).toEqual([0, 10, 20, 30]);
  });

  it('says it at once when the cause changes', () => {
    log.failed(refused, logger);
    now += 1000;
    log.failed(new Error('Handshake terminated by server: 403 (ACCESS-REFUSED)'), logger);
    expect(logger.lines.map((l) => l.details.error)).toEqual([
      'connection refused',
      'authentication failed',
    ]);
    expect(logger.lines[1].details.hint).toBe('check the user and password in the RabbitMQ URL');
  });

  it('repeats the last cause for a client that retries slowly, and only when due', () => {
    log.stillFailing(logger);
    expect(logger.lines).toHaveLength(0);
    log.failed(refused, logger);
    now += 5000;
    log.stillFailing(logger);
    now += UNREACHABLE_WARNING_INTERVAL_MS;
    log.stillFailing(logger);
    expect(logger.lines.map((l) => l.details.error)).toEqual([
      'connection refused',
      'connection refused',
    ]);
  });

  it('says once that it answers again, and nothing when it never failed', () => {
    log.answered(logger);
    expect(logger.lines).toHaveLength(0);
    log.failed(refused, logger);
    now += 12_000;
    log.answered(logger);
    log.answered(logger);
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', expect.stringContaining('does not answer')],
      ['info', 'RabbitMQ answers again at amqp://svc@broker:5999/vhost'],
    ]);
    expect(logger.lines[1].details.unreachableForSeconds).toBe(12);
    log.failed(refused, logger);
    expect(logger.lines).toHaveLength(3);
  });
});

describe('describeConnectionError', () => {
  it.each([
    ['connection refused', refused],
    ['connection refused', { err: refused, url: 'amqp://x' }],
    [
      'unknown host',
      Object.assign(new Error('getaddrinfo ENOTFOUND pg.invalid'), { code: 'ENOTFOUND' }),
    ],
    [
      'unknown host',
      Object.assign(new Error('getaddrinfo EAI_AGAIN redis'), { code: 'EAI_AGAIN' }),
    ],
    [
      'authentication failed',
      Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' }),
    ],
    [
      'authentication failed',
      new Error('WRONGPASS invalid username-password pair or user is disabled.'),
    ],
    ['authentication failed', new Error('NOAUTH Authentication required.')],
    ['timed out', new Error('Connection terminated due to connection timeout')],
    ['connection closed', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['something else entirely', new Error('something else entirely')],
    ['a string', 'a string'],
  ])('%s, from error %#', (expected, error) => {
    expect(describeConnectionError(error)).toBe(expected);
  });
});

describe('urlWithoutPassword', () => {
  it.each([
    ['postgres://postgres:pw@127.0.0.1:5432/rac_org', 'postgres://postgres@127.0.0.1:5432/rac_org'],
    ['redis://:pw@127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['amqp://guest:guest@127.0.0.1:5672', 'amqp://guest@127.0.0.1:5672'],
    ['amqps://broker.example.com', 'amqps://broker.example.com'],
    ['not a url', '(not a valid URL)'],
  ])('%s → %s', (url, expected) => {
    expect(urlWithoutPassword(url)).toBe(expected);
  });
});
