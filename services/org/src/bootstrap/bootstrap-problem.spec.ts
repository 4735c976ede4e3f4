import { QueryFailedError } from 'typeorm';
import { ErrorCodes } from '@app/contracts';
import { RpcCallError } from '@app/platform';
import { explainBootstrapFailure } from './bootstrap-problem';

describe('explainBootstrapFailure', () => {
  it('a password the policy refuses waits for the operator, and says which setting to change', () => {
    const refused = new RpcCallError(
      { code: ErrorCodes.PASSWORD_POLICY, message: 'must be at least 8 characters' },
      'identity',
    );
    expect(explainBootstrapFailure(refused)).toEqual({
      kind: 'stuck',
      reason: 'identity refused BOOTSTRAP_ADMIN_PASSWORD: must be at least 8 characters',
      action: expect.stringContaining('set BOOTSTRAP_ADMIN_PASSWORD'),
    });
  });

  it('an email another organization uses waits for the operator', () => {
    const violation = new QueryFailedError('INSERT INTO accounts', [], {
      code: '23505',
      constraint: 'accounts_email_uq',
    } as unknown as Error);
    expect(explainBootstrapFailure(violation)).toMatchObject({
      kind: 'stuck',
      action: expect.stringContaining('BOOTSTRAP_ADMIN_EMAIL'),
    });
  });

  it('identity not answering resolves itself: waiting, no action asked', () => {
    const unreachable = new RpcCallError(
      { code: ErrorCodes.SERVICE_UNAVAILABLE, message: 'identity service unreachable' },
      'identity',
    );
    const problem = explainBootstrapFailure(unreachable);
    expect(problem).toEqual({
      kind: 'waiting',
      reason: 'not finished yet (identity service unreachable); retrying on its own',
    });
  });
});
