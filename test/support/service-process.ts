import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, WriteStream } from 'node:fs';
import path from 'node:path';
import { waitFor } from './wait-for';

export type StackService = 'gateway' | 'identity' | 'org' | 'import' | 'audit';
export const STACK_SERVICES: StackService[] = ['identity', 'org', 'import', 'audit', 'gateway'];

/** The repository root, whether this file runs under Jest or compiled for `npm run bench`. */
export const ROOT = findRoot(__dirname);
const READY = /"msg":"(identity|org|import|audit) service ready"|"msg":"gateway listening/;

/** One built service running as its own process, as in production; its log lines are kept. */
export class ServiceProcess {
  readonly lines: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private log: WriteStream;

  constructor(
    readonly name: StackService,
    private readonly vars: Record<string, string>,
    logDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves when it says it is ready. */
  async start(extraVars: Record<string, string> = {}): Promise<void> {
    const from = this.launch(extraVars);
    await this.waitForLine(READY, { from, timeoutMs: 60_000 });
  }

  /** Starts the process without waiting for it to be ready; returns the index of its first line. */
  launch(extraVars: Record<string, string> = {}): number {
    const from = this.lines.length;
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'dist/services', this.name, 'src/main.js')],
      {
        env: { PATH: process.env.PATH ?? '', ...this.vars, ...extraVars },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const collect = (chunk: Buffer): void => {
      this.log.write(chunk);
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    return from;
  }

  /** Waits for a log line matching `pattern` (among lines from index `from`). */
  async waitForLine(
    pattern: RegExp,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<string> {
    return waitFor(
      () => {
        if (!this.running && this.child)
          throw new Error(`${this.name} exited: ${this.lines.slice(-5).join(' | ')}`);
        return this.lines.slice(options.from ?? 0).find((line) => pattern.test(line));
      },
      { timeoutMs: options.timeoutMs ?? 30_000, what: `${this.name} to log ${pattern}` },
    );
  }

  /** Sends a signal and resolves when the process has exited. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.running) return { code: this.child?.exitCode ?? null, signal: null };
    this.child!.kill(signal);
    return this.exited!;
  }

  /**
   * Freezes the process (SIGSTOP): alive, connected, but answering nothing, so that what is
   * sent to it waits in its queues. resume() lets it go on where it stopped.
   */
  pause(): void {
    if (this.running) this.child!.kill('SIGSTOP');
  }

  resume(): void {
    if (this.running) this.child!.kill('SIGCONT');
  }

  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.stop('SIGKILL');
  }

  close(): void {
    this.log.end();
  }
}

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
