import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';

export const ssoIdTaken = () =>
  rpcError(ErrorCodes.SSO_ID_TAKEN, 'this Single Sign-On ID is already used in the organization', {
    errors: [{ field: 'ssoId', code: ErrorCodes.SSO_ID_TAKEN, message: 'is already in use' }],
  });

/** Undefined and empty mean "none" for the optional SSO ID. */
export const ssoIdOf = (value: string | undefined | null) => (value ? value : null);
