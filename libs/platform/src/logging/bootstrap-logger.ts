import pino from 'pino';
import { pinoOptions } from './logger.module';

/** The same JSON logs as the Nest logger, for the steps before Nest starts (settings, database). */
export function createBootstrapLogger(service: string, level: string): pino.Logger {
  return pino(pinoOptions({ service, level }));
}
