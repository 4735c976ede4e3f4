import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';

/** The refusal of an email that is already another account's login (accounts_email_uq). */
export const emailTaken = () =>
  rpcError(ErrorCodes.EMAIL_TAKEN, 'this email is already the login of another account', {
    errors: [{ field: 'email', code: ErrorCodes.EMAIL_TAKEN, message: 'is already in use' }],
  });
