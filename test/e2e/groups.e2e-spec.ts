/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { provideSession } from '../support/shared-session';
import { stackSession } from '../support/stack-session';

/**
 * Technician groups at REST: reading them and the tree, creating, changing and deleting them; its
 * parts are in ./groups/.
 */
describe('Technician Groups (as the bootstrap Master Administrator)', () => {
  provideSession(stackSession('groups'));
  require('./groups/read.cases');
  require('./groups/search.cases');
  require('./groups/change.cases');
  require('./groups/natural-order.cases');
});
