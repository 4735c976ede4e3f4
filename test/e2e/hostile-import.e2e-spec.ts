// Each part registers its tests as it loads (require), inside the family's describe.
/* eslint-disable @typescript-eslint/no-require-imports */
import { hostileImportSession } from '../support/hostile-import';
import { provideSession } from '../support/shared-session';

/**
 * Hostile input through import files (issue 6): rows, whole files and upload fields; its
 * parts are in ./hostile-import/.
 */
describe('Hostile input through import files', () => {
  provideSession(hostileImportSession('hostileimport', 'hostile-import'));
  require('./hostile-import/rows.cases');
  require('./hostile-import/files.cases');
  require('./hostile-import/afterwards.cases');
});
