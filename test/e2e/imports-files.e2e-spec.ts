// Each part registers its tests as it loads (require), inside the family's describe.
/* eslint-disable @typescript-eslint/no-require-imports */
import { importFilesSession } from '../support/import-session';
import { provideSession } from '../support/shared-session';

/**
 * Import files: formats, templates, file-level errors, Idempotency-Key; its parts are in
 * ./imports-files/.
 */
describe('Imports: files (as the bootstrap Master Administrator)', () => {
  // An hour's Idempotency-Keys (IDEMPOTENCY_KEY_RETENTION_SECONDS: '3600'), as before the split.
  provideSession(importFilesSession('imports-files'));
  require('./imports-files/formats.cases');
  require('./imports-files/errors.cases');
});
