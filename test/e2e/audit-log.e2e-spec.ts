/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { provideSession } from '../support/shared-session';
import { stackSession } from '../support/stack-session';

/**
 * The audit log (issue 24): what the audit service records of the events, who reads what at
 * REST, and that the chain finds a tampered row; its parts are in ./audit-log/.
 */
describe('Audit log', () => {
  provideSession(
    stackSession('auditlog', {
      broker: true,
      // The retention pass every second: its test backdates events instead of waiting days.
      overrides: { AUDIT_RETENTION_INTERVAL_SECONDS: '1' },
    }),
  );
  require('./audit-log/recording.cases');
  require('./audit-log/reading.cases');
  require('./audit-log/tamper-and-retention.cases');
});
