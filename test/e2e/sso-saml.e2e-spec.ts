/* eslint-disable @typescript-eslint/no-require-imports -- the parts register their tests as they load, inside this describe */
import { samlSession } from '../support/saml-session';
import { provideSession } from '../support/shared-session';

/**
 * Single Sign-On through a SAML 2.0 identity provider (samlify, its own key) on one stack:
 * sign-ins, and the hostile corpus refused with nothing signed in. Parts in ./sso-saml/.
 */
describe('Single Sign-On: SAML', () => {
  provideSession(samlSession('sso-saml'));
  require('./sso-saml/sign-in.cases');
  require('./sso-saml/hostile.cases');
});
