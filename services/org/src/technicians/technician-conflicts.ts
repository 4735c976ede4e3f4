import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';

export const emailTaken = () =>
  rpcError(ErrorCodes.EMAIL_TAKEN, 'this email is already the login of another account', {
    errors: [{ field: 'email', code: ErrorCodes.EMAIL_TAKEN, message: 'is already in use' }],
  });

export const ssoIdTaken = () =>
  rpcError(ErrorCodes.SSO_ID_TAKEN, 'this Single Sign-On ID is already used in the organization', {
    errors: [{ field: 'ssoId', code: ErrorCodes.SSO_ID_TAKEN, message: 'is already in use' }],
  });

/** Undefined and empty mean "none" for the optional SSO ID. */
export const ssoIdOf = (value: string | undefined | null) => (value ? value : null);
