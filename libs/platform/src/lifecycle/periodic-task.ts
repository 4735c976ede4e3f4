/**
 * Background work that runs now and then every `intervalMs` (sweeps, recovery, expiry),
 * never twice at once: a run still going when the next is due is not doubled. A failed run
 * is reported to `onError` and tried again at the next interval. stop() cancels what is
 * not started and waits for the run in progress.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.runNow(), intervalMs);
    this.runNow();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private runNow(): void {
    if (this.running) return;
    this.running = this.work()
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => (this.running = undefined));
  }
}
