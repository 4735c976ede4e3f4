// Each part registers its tests as it loads (require), inside the family's describe.
/* eslint-disable @typescript-eslint/no-require-imports */
import { importRowsSession } from '../support/import-session';
import { provideSession } from '../support/shared-session';

/**
 * Import rows: each row's outcome, the report, dry runs, access and cancel; its parts are in
 * ./imports-rows/.
 */
describe('Imports: rows (as the bootstrap Master Administrator)', () => {
  provideSession(importRowsSession('imports-rows'));
  require('./imports-rows/lines.cases');
  require('./imports-rows/dry-runs.cases');
  require('./imports-rows/cancel.cases');
});
