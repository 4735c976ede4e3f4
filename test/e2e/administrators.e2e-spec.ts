/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { provideSession } from '../support/shared-session';
import { stackSession } from '../support/stack-session';

/**
 * Administrators at REST: listing, creating and changing them, who may, tenancy, their Single
 * Sign-On ID (and org's lookup by it, over AMQP); its parts are in ./administrators/.
 */
describe('Administrators (spec section 3: GET/POST /administrators, PATCH /administrators/:id)', () => {
  provideSession(stackSession('administrators', { broker: true }));
  require('./administrators/list-create.cases');
  require('./administrators/update.cases');
  require('./administrators/access.cases');
  require('./administrators/sso-id.cases');
});
