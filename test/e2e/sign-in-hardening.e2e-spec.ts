/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { HardenedStack } from '../support/hardened-stack';
import { provideSession } from '../support/shared-session';

/** Sign-in hardening: failure limits per account and address, and sessions ended by a password change or sign-out, on one stack; its parts are in ./sign-in-hardening/. */
describe('Sign-in hardening', () => {
  provideSession(HardenedStack.use('hardening'));
  require('./sign-in-hardening/limits.cases');
  require('./sign-in-hardening/sessions.cases');
});
