import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../../../test/support/service-process';
import { waitFor } from '../../../../test/support/wait-for';

/** A process that stops the way the services do, its clean stop taking half a second. */
const SCRIPT = `
  const { exitGracefullyOnSignals } = require(${JSON.stringify(
    path.join(ROOT, 'dist/libs/platform/src/lifecycle/graceful-shutdown.js'),
  )});
  exitGracefullyOnSignals(() => new Promise((resolve) => setTimeout(resolve, 500)), 5000);
  console.log('ready');
  setInterval(() => {}, 1000);
`;

describe('exitGracefullyOnSignals', () => {
  it('a second SIGTERM while stopping does not cut the clean stop short', async () => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await waitFor(() => output.includes('ready'), { what: 'the process to start' });

    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');

    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toContain('stopped cleanly');
    expect(output).toContain('received again');
  });
});
