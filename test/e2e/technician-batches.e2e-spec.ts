/* eslint-disable @typescript-eslint/no-require-imports -- each part registers its tests as it loads, inside this describe, on the one stack */
import { provideSession } from '../support/shared-session';
import { technicianBatchSession } from '../support/technician-batches';

/**
 * Creating technicians in batches (org.technician.create-batch.v1): each item its own outcome,
 * exactly once however the batch arrives; its parts are in ./technician-batches/.
 */
describe('Creating technicians in batches', () => {
  provideSession(technicianBatchSession('batches'));
  require('./technician-batches/results.cases');
  require('./technician-batches/redelivery.cases');
});
