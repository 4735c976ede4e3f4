import path from 'node:path';

/**
 * Where the services of a test run record what they put on the wire (WIRE_RECORD_DIR, see
 * libs/platform wire-record.ts), for test/wire to check against docs/asyncapi.json. Emptied
 * by the int and e2e suites' global setup, so it holds one run's messages.
 */
export const WIRE_RECORD_DIR = path.resolve(__dirname, '../../test-results/wire');
