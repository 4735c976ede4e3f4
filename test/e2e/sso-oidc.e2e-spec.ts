/* eslint-disable @typescript-eslint/no-require-imports -- the parts register their tests as they load, inside this describe */
import { provideSession } from '../support/shared-session';
import { oidcSsoSession } from '../support/sso-oidc';

/**
 * Signing in through an OpenID Connect provider, on one stack: a real one (oidc-provider) and
 * a hostile one whose ID tokens each break one rule. Parts in ./sso-oidc/.
 */
describe('Single Sign-On with OpenID Connect', () => {
  provideSession(oidcSsoSession('sso-oidc'));
  require('./sso-oidc/sign-in.cases');
  require('./sso-oidc/hostile.cases');
  require('./sso-oidc/limits.cases');
  require('./sso-oidc/required.cases');
});
