import { ErrorCodes, FieldErrorCodes } from '@app/contracts';
import { rpcError } from '@app/platform';

/** A Single Sign-On setting refused: VALIDATION_FAILED naming the field (`oidc.clientSecret`, ...). */
export const invalidSetting = (field: string, message: string) =>
  rpcError(ErrorCodes.VALIDATION_FAILED, `${field} ${message}`, {
    errors: [{ field, code: FieldErrorCodes.INVALID, message }],
  });
