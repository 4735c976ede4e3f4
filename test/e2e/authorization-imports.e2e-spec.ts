// Each part registers its tests as it loads (require), inside the family's describe.
/* eslint-disable @typescript-eslint/no-require-imports */
import { importAuthorizationWorld } from '../support/import-authorization';
import { provideSession } from '../support/shared-session';

/**
 * The authorization matrix of the import endpoints (spec §1 and §3); its parts are in
 * ./authorization-imports/.
 */
describe('Authorization matrix of the import endpoints', () => {
  provideSession(importAuthorizationWorld('authzimports'));
  require('./authorization-imports/matrix.cases');
  require('./authorization-imports/scope.cases');
});
