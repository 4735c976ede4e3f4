import {
  expectEveryImportFinished,
  expectHealthy,
  type HostileImportSession,
} from '../../support/hostile-import';
import { sharedSession } from '../../support/shared-session';

/**
 * Hostile input through import files (issue 6), afterwards: once rows.cases.ts and
 * files.cases.ts have run, every import they had accepted finished and the stack is healthy.
 */

describe('afterwards', () => {
  const session = sharedSession<HostileImportSession>();

  it('finished every accepted import, completed, with succeeded + failed = total', async () => {
    await expectEveryImportFinished(session);
  });

  it('is healthy, with every service process running and every account whole', async () => {
    await expectHealthy(session);
  });
});
