/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { provideSession } from '../support/shared-session';
import { stackSession } from '../support/stack-session';

/**
 * Technicians at REST: creating, changing, moving, reading them and their passwords; its parts are
 * in ./technicians/.
 */
describe('Technicians (as the bootstrap Master Administrator)', () => {
  provideSession(stackSession('technicians'));
  require('./technicians/create.cases');
  require('./technicians/edit.cases');
  require('./technicians/read-and-passwords.cases');
});
