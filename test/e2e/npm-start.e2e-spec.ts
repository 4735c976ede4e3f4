import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ApiClient } from '../support/api-client';
import { isAlive } from '../support/processes';
import { createTestEnv, TestEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');

describe('npm start', () => {
  let env: TestEnv;
  let npm: ChildProcess;
  const output: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv('npmstart');
    npm = spawn('npm', ['start'], {
      cwd: ROOT,
      // LOG_FORMAT auto: its output is a pipe, so JSON.
      env: { ...process.env, ...env.vars, LOG_FORMAT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n')));
    npm.stderr!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n')));
  });

  afterAll(async () => {
    if (npm.exitCode === null) npm.kill('SIGKILL');
    await env?.destroy();
  });

  it('brings the stack up; the bootstrap administrator signs in; SIGTERM stops everything within 15 s', async () => {
    const api = new ApiClient(`http://127.0.0.1:${env.port}`);
    await waitFor(async () => (await api.get('/api/v1/health')).status === 200, {
      timeoutMs: 90_000,
      what: `npm start to be healthy; output: ${output.slice(-5).join(' | ')}`,
    });
    const token = await api.login(
      env.vars.BOOTSTRAP_ADMIN_EMAIL,
      env.vars.BOOTSTRAP_ADMIN_PASSWORD,
    );
    expect((await api.get('/api/v1/me', token)).body.role).toBe('master_admin');
    await waitFor(() => output.some((line) => line.includes('"msg":"stack ready"')), {
      timeoutMs: 10_000,
      what: 'the supervisor to say the stack is ready',
    });

    const childPids = output
      .filter((line) => line.includes('"service":"supervisor"') && line.includes('"childPid"'))
      .map((line) => JSON.parse(line).childPid as number);
    expect(childPids).toHaveLength(5);
    expect(childPids.every(isAlive)).toBe(true);

    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) =>
      npm.once('exit', (code) => resolve(code)),
    );
    npm.kill('SIGTERM');
    await waitFor(() => !isAlive(npm.pid!) && childPids.every((pid) => !isAlive(pid)), {
      timeoutMs: 20_000,
      intervalMs: 50,
      what: 'every process of the stack to exit',
    });
    const elapsed = Date.now() - signalledAt;

    expect(elapsed).toBeLessThan(15_000);
    expect(await exited).toBe(0);
    expect(output.join('\n')).toMatch(/"msg":"stack stopped"/);

    // Its pipe is not a terminal: the ready notice is one JSON line, said once.
    const ready = output.filter((line) => line.includes('"msg":"stack ready"'));
    expect(ready).toHaveLength(1);
    expect(JSON.parse(ready[0])).toMatchObject({
      level: 'info',
      service: 'supervisor',
      url: `http://localhost:${env.port}/`,
      docsUrl: `http://localhost:${env.port}/docs`,
      bootstrapAdminEmail: env.vars.BOOTSTRAP_ADMIN_EMAIL,
    });
  });
});
