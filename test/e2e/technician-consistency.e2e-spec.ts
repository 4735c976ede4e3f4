/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { provideSession } from '../support/shared-session';
import { technicianCreateSession } from '../support/technician-creates';

/**
 * Creating technicians: one however often it is asked for, whole or not at all whichever service
 * fails; its parts are in ./technician-consistency/.
 */
describe('Creating technicians: whole or not at all', () => {
  provideSession(technicianCreateSession('consistency', 2000));
  require('./technician-consistency/duplicates.cases');
  require('./technician-consistency/failures.cases');
});
