import { ErrorCodes, FieldError } from '@app/contracts';
import { RpcCallError } from '@app/platform';
import { columnOfCode, columnOfField } from './columns';

/** A row whose create never ran: org did not answer in time, and its key was fenced. */
const GIVEN_UP: FieldError = {
  field: 'Row',
  code: ErrorCodes.SERVICE_UNAVAILABLE,
  message: 'the row could not be applied in time; import it again',
};

/** The row codes of the spec (section 4); anything else a service says is mapped onto them. */
const ROW_CODES = new Set<string>([
  ErrorCodes.VALIDATION_FAILED,
  ErrorCodes.INVALID_EMAIL,
  ErrorCodes.INVALID_BOOLEAN,
  ErrorCodes.FIELD_TOO_LONG,
  ErrorCodes.EMAIL_TAKEN,
  ErrorCodes.SSO_ID_TAKEN,
  ErrorCodes.DUPLICATE_IN_FILE,
  ErrorCodes.PASSWORD_POLICY,
  ErrorCodes.GROUP_REQUIRED,
  ErrorCodes.GROUP_NOT_FOUND,
  ErrorCodes.CANCELLED,
]);

/** What a row's refusal says in the import's report: its columns and the row codes. */
export function rowErrors(err: RpcCallError): FieldError[] {
  if (err.code === ErrorCodes.COMMAND_ABANDONED) return [GIVEN_UP];
  if (err.code === ErrorCodes.PASSWORD_POLICY) {
    // One entry per broken rule, each with the row code PASSWORD_POLICY; the rule in the message.
    return (
      err.errors ?? [{ field: 'sealedPassword', code: 'PASSWORD_POLICY', message: err.message }]
    ).map((rule) => ({
      field: 'Password',
      code: ErrorCodes.PASSWORD_POLICY,
      message: `${rule.message} (${rule.code})`,
    }));
  }
  const code =
    err.code === ErrorCodes.FORBIDDEN_GROUP
      ? ErrorCodes.GROUP_NOT_FOUND
      : ROW_CODES.has(err.code) || !err.errors?.length
        ? err.code
        : ErrorCodes.VALIDATION_FAILED;
  if (err.errors?.length) {
    return err.errors.map((e) => ({
      field: columnOfField(e.field),
      code: ROW_CODES.has(e.code) ? e.code : code,
      message: e.message,
    }));
  }
  return [{ field: columnOfCode(err.code), code, message: err.message }];
}
