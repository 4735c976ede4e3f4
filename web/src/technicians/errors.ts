import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/client';
import { problemMessage } from '../ui/problem';

/** Fields of the technician forms that a server error can land on. */
export const FORM_FIELDS = [
  'name',
  'nickname',
  'email',
  'ssoId',
  'description',
  'password',
  'enabled',
  'standardLicense',
  'mobileLicense',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FormErrors {
  /** Each field's messages (a PASSWORD_POLICY answer: one per rule broken). */
  fields: Partial<Record<FormField, string[]>>;
  /** What concerns no field: one message for the top of the form. */
  message?: string;
}

/** Codes that concern one field even when the problem names none. */
const FIELD_OF_CODE: Record<string, FormField> = {
  EMAIL_TAKEN: 'email',
  SSO_ID_TAKEN: 'ssoId',
  PASSWORD_POLICY: 'password',
};

/**
 * A refusal of the API spread over the technician form: errors[].field onto that field in
 * the user's words (technicians:fieldErrors.<CODE>, else common's, else the server's
 * message), EMAIL_TAKEN onto Email, SSO_ID_TAKEN onto Single Sign-On ID, and everything else
 * as one message for the top. Never a raw code.
 */
export function formErrors(error: unknown, t: TFunction): FormErrors {
  const fields: FormErrors['fields'] = {};
  if (!(error instanceof ApiProblem)) return { fields, message: problemMessage(error, t) };
  const unplaced: string[] = [];
  for (const fieldError of error.problem.errors ?? []) {
    const text =
      t(`technicians:fieldErrors.${fieldError.code}`, { defaultValue: '' }) ||
      t(`common:fieldErrors.${fieldError.code}`, {
        defaultValue: '',
        message: fieldError.message,
      }) ||
      t(`common:problems.${fieldError.code}`, { defaultValue: '' }) ||
      fieldError.message;
    const field = (FORM_FIELDS as readonly string[]).includes(fieldError.field)
      ? (fieldError.field as FormField)
      : undefined;
    if (field) (fields[field] ??= []).push(text);
    else unplaced.push(text);
  }
  const codeField = FIELD_OF_CODE[error.code];
  if (codeField && !fields[codeField]) fields[codeField] = [problemMessage(error, t)];
  const placed = Object.keys(fields).length > 0;
  if (!placed) return { fields, message: problemMessage(error, t) };
  return unplaced.length ? { fields, message: unplaced.join(' · ') } : { fields };
}
