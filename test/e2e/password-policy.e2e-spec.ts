/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { passwordPolicySession } from '../support/password-policy';
import { provideSession } from '../support/shared-session';

/**
 * An organization's password policy: its settings, each rule wherever a password is set, when a
 * password must change; its parts are in ./password-policy/.
 */
describe('Password policy (spec section 2, GET/PUT /settings/password-policy)', () => {
  provideSession(passwordPolicySession('passwordpolicy'));
  require('./password-policy/settings.cases');
  require('./password-policy/rules.cases');
  require('./password-policy/must-change.cases');
});
