/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { HostileRest } from '../support/hostile-rest';
import { provideSession } from '../support/shared-session';

/** Hostile strings through every text field, query parameter, path id and Idempotency-Key of the REST API (issue 6), on one stack; its parts are in ./hostile-rest/. */
describe('Hostile strings through every text field of the REST API', () => {
  provideSession(HostileRest.use('hostilerest'));
  require('./hostile-rest/passwords.cases');
  require('./hostile-rest/groups.cases');
  require('./hostile-rest/technicians.cases');
  require('./hostile-rest/administrators.cases');
  require('./hostile-rest/queries.cases');
  require('./hostile-rest/idempotency.cases');
});
