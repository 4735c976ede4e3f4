// Each part registers its tests as it loads (require), inside the family's describe.
/* eslint-disable @typescript-eslint/no-require-imports */
import { authorizationWorld } from '../support/authorization-world';
import { provideSession } from '../support/shared-session';

/**
 * The authorization matrix of the REST API, tenancy and scope (spec §1 and §3); its parts are
 * in ./authorization-matrix/.
 */
describe('Authorization matrix of the REST API', () => {
  provideSession(authorizationWorld('authz'));
  require('./authorization-matrix/groups.cases');
  require('./authorization-matrix/accounts.cases');
  require('./authorization-matrix/tenancy.cases');
  require('./authorization-matrix/scope.cases');
});
