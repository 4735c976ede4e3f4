/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { otherTeamSession } from '../support/other-team-service';
import { provideSession } from '../support/shared-session';

/**
 * Who may send what over RabbitMQ: administrator tokens, service principals and their assertions,
 * managing them at REST; its parts are in ./principals/.
 */
describe('Principals: who may send what over RabbitMQ', () => {
  provideSession(otherTeamSession('principals'));
  require('./principals/administrator-tokens.cases');
  require('./principals/service-assertions.cases');
  require('./principals/rest.cases');
});
