/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { HttpAbuse } from '../support/http-abuse';
import { provideSession } from '../support/shared-session';

/** HTTP abuse of the gateway (issue 6): odd bodies, keys, ids, heads and routes, on one stack; its parts are in ./http-abuse/. */
describe('HTTP abuse of the gateway', () => {
  provideSession(HttpAbuse.use('httpabuse'));
  require('./http-abuse/bodies.cases');
  require('./http-abuse/keys-and-ids.cases');
  require('./http-abuse/heads-and-routes.cases');
});
