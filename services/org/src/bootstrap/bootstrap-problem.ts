import { DependencyExplanation, ErrorCodes } from '@app/contracts';
import { isUniqueViolation, RpcCallError } from '@app/platform';

/**
 * Why the bootstrap has not finished, for `/health` and the log. `stuck` waits for an
 * operator (a setting or the data must change); `waiting` resolves itself (identity not up
 * yet, an earlier attempt still being undone). Public through `/health`: no account named.
 */
export interface BootstrapProblem extends DependencyExplanation {
  kind: 'waiting' | 'stuck';
}

export const RESTORE_MASTER_COMMAND =
  'npm run org:restore-master -- --email <the email of one of its administrators>';

/** Found by the health check after the bootstrap finished: the first organization cannot be run. */
export const NO_ENABLED_MASTER: BootstrapProblem = {
  kind: 'stuck',
  reason: 'the first organization has no enabled Master Administrator',
  action: `make one of its administrators its Master Administrator: ${RESTORE_MASTER_COMMAND}`,
};

export function explainBootstrapFailure(err: unknown): BootstrapProblem {
  if (isUniqueViolation(err, 'accounts_email_uq')) {
    return {
      kind: 'stuck',
      reason: 'BOOTSTRAP_ADMIN_EMAIL belongs to an account of another organization',
      action: 'set BOOTSTRAP_ADMIN_EMAIL to an address no account uses, then restart org',
    };
  }
  if (err instanceof RpcCallError && !err.outcomeUnknown) {
    if (err.code === ErrorCodes.PASSWORD_POLICY) {
      return {
        kind: 'stuck',
        reason: `identity refused BOOTSTRAP_ADMIN_PASSWORD: ${err.message}`,
        action:
          'set BOOTSTRAP_ADMIN_PASSWORD to a password the policy accepts, or leave it unset to ' +
          'have one generated and printed once, then restart org',
      };
    }
    return {
      kind: 'stuck',
      reason: `identity refused the first administrator (${err.code}): ${err.message}`,
      action: 'correct BOOTSTRAP_ADMIN_EMAIL or BOOTSTRAP_ADMIN_PASSWORD, then restart org',
    };
  }
  const cause = err instanceof Error ? err.message : String(err);
  return { kind: 'waiting', reason: `not finished yet (${cause}); retrying on its own` };
}
