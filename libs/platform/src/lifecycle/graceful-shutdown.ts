import { Logger } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: run `stop` (stop taking work, finish what is in flight, close
 * connections) and exit 0; if it takes longer than `timeoutMs`, exit 1 anyway. Nest's own
 * shutdown hooks are not used because they close the database before the transport
 * stops consuming. A second signal while stopping changes nothing: a process group
 * stopped as a whole (systemd, `npm start`'s supervisor forwarding the same signal) must
 * not kill a service in the middle of its clean stop.
 */
export function exitGracefullyOnSignals(stop: () => Promise<void>, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.log(`${signal} received again: still finishing, at most ${timeoutMs} ms`);
      return;
    }
    stopping = true;
    logger.log(`${signal} received: finishing in-flight work`);
    const force = setTimeout(() => {
      logger.error(`still busy after ${timeoutMs} ms, exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    force.unref();
    stop()
      .then(() => {
        logger.log('stopped cleanly');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
