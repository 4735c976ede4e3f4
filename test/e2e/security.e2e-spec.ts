/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { SecuritySuite } from '../support/security-suite';
import { provideSession } from '../support/shared-session';

/** Security checks of issue 6 (tokens, security headers, CORS, no password left anywhere), on one stack; its parts are in ./security/. */
describe('Security checks', () => {
  provideSession(SecuritySuite.use('security'));
  require('./security/tokens.cases');
  require('./security/headers.cases');
  require('./security/cors.cases');
  require('./security/password-scan.cases');
});
