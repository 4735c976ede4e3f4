import { ErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';

/** The refusal of an SSO ID another account of the organization has (accounts_sso_id_uq). */
export const ssoIdTaken = () =>
  rpcError(ErrorCodes.SSO_ID_TAKEN, 'this Single Sign-On ID is already used in the organization', {
    errors: [{ field: 'ssoId', code: ErrorCodes.SSO_ID_TAKEN, message: 'is already in use' }],
  });

/** Undefined and empty mean "none" for the optional SSO ID. */
export const ssoIdOf = (value: string | undefined | null) => (value ? value : null);

/** The unique index that keeps an SSO ID to one account of an organization, either role. */
export const SSO_ID_INDEX = 'accounts_sso_id_uq';
