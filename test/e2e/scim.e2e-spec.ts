/* eslint-disable @typescript-eslint/no-require-imports -- the parts register their tests as they load, inside this describe */
import { provideSession } from '../support/shared-session';
import { stackSession } from '../support/stack-session';

/** SCIM 2.0 as Entra ID and Okta use it, on one stack; its parts are in ./scim/. */
describe('SCIM', () => {
  provideSession(stackSession('scim'));
  require('./scim/tokens.cases');
  require('./scim/users.cases');
  require('./scim/groups.cases');
  require('./scim/hostile.cases');
  require('./scim/entra-users-replay.cases');
  require('./scim/entra-groups-replay.cases');
  require('./scim/okta-users-replay.cases');
  require('./scim/okta-groups-replay.cases');
});
