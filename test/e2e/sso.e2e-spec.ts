/* eslint-disable @typescript-eslint/no-require-imports -- the parts register their tests as they load, inside this describe */
import { provideSession } from '../support/shared-session';
import { stackSession } from '../support/stack-session';

/** Single Sign-On's settings and the sign-in page's steps, on one stack; parts in ./sso/. */
describe('Single Sign-On', () => {
  provideSession(stackSession('sso'));
  require('./sso/settings.cases');
});
