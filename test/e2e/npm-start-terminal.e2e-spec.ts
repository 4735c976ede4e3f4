import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { ApiClient } from '../support/api-client';
import { isAlive } from '../support/processes';
import { createTestEnv, TestEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');
const READY = 'Rescue Admin Center is ready';

/** Every process below `root`: script, npm, the supervisor and the five services. */
function descendants(root: number): number[] {
  const parentOf = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    frontier = parentOf.filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...frontier);
  }
  return found;
}

/** What a person at the terminal reads: colours removed, the terminal's \r\n made \n. */
function screen(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
}

function isJsonLogLine(line: string): boolean {
  try {
    const value = JSON.parse(line);
    return typeof value === 'object' && value !== null && 'level' in value;
  } catch {
    return false;
  }
}

describe('npm start on a terminal', () => {
  let env: TestEnv;
  let term: ChildProcess;
  let raw = '';
  let stackPids: number[] = [];

  beforeAll(async () => {
    // No BOOTSTRAP_ADMIN_PASSWORD: org generates one and prints it as plain text, once.
    env = await createTestEnv('npmstarttty', { BOOTSTRAP_ADMIN_PASSWORD: '' });
    // `script` gives `npm start` a real pseudo-terminal, as a person's shell would.
    term = spawn('script', ['-qfec', 'exec npm start', '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, ...env.vars, TERM: 'xterm', LOG_FORMAT: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    term.stdout!.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    term.stderr!.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  });

  afterAll(async () => {
    const leftovers = [term.pid!, ...descendants(term.pid!), ...stackPids].filter(isAlive);
    for (const pid of leftovers) process.kill(pid, 'SIGKILL');
    await env?.destroy();
  });

  it('prints readable lines, the generated password untouched and the ready block once; Ctrl-C stops everything', async () => {
    await waitFor(() => screen(raw).includes(READY), {
      timeoutMs: 90_000,
      what: 'the ready block',
    }).catch((err: Error) => {
      throw new Error(`${err.message}; output:\n${screen(raw).slice(-3000)}`);
    });
    stackPids = descendants(term.pid!);
    expect(stackPids.length).toBeGreaterThanOrEqual(6);

    // The password block reaches the terminal exactly as org wrote it, and what it says signs in.
    const block = screen(raw).match(
      /\n=+\n Master Administrator created\n {3}email: {4}(\S+)\n {3}password: (\S+)\n It is shown only this once and must be changed at first sign-in\.\n=+\n/,
    );
    expect(block?.[1]).toBe(env.vars.BOOTSTRAP_ADMIN_EMAIL);
    const api = new ApiClient(`http://127.0.0.1:${env.port}`);
    const login = await api.post('/api/v1/auth/login', {
      email: env.vars.BOOTSTRAP_ADMIN_EMAIL,
      password: block![2],
    });
    expect(login.status).toBe(200);

    // Ctrl-C, as a person at the terminal stops it: the terminal sends SIGINT to npm, the
    // supervisor and the services. (A SIGTERM to `script` would not do: it gives its child
    // two seconds, then kills it and hangs up the terminal.)
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) =>
      term.once('exit', (code) => resolve(code)),
    );
    term.stdin!.write('\x03');
    await waitFor(() => [term.pid!, ...stackPids].every((pid) => !isAlive(pid)), {
      timeoutMs: 20_000,
      intervalMs: 50,
      what: 'every process of the stack to exit',
    });
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    expect(await exited).toBe(0);

    const text = screen(raw);
    const lines = text.split('\n');
    expect(lines.filter(isJsonLogLine)).toEqual([]);
    expect(text).not.toContain('{"level"');
    for (const service of ['supervisor', 'identity', 'org', 'import', 'audit', 'gateway']) {
      const readable = new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: ${service} `);
      expect(lines.filter((line) => readable.test(line)).length).toBeGreaterThan(0);
    }
    expect(lines.filter((line) => /INFO: gateway .*listening on http:/.test(line))).toHaveLength(1);
    expect(text).toMatch(/INFO: supervisor +stack stopped/);
    expect(text).not.toMatch(/RouterExplorer|RoutesResolver|InstanceLoader|NestFactory|Mapped \{/);
    expect(text.split('Master Administrator created')).toHaveLength(2);

    expect(text.split(READY)).toHaveLength(2);
    expect(text).toContain(
      [
        `  ${READY}`,
        `    Administration Center  http://localhost:${env.port}/`,
        `    API docs               http://localhost:${env.port}/docs`,
        `    First administrator    ${env.vars.BOOTSTRAP_ADMIN_EMAIL}`,
      ].join('\n'),
    );
  });
});
