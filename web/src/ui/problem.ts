import type { TFunction } from 'i18next';
import { ApiProblem } from '../api/client';

/**
 * Words for an API problem, in the user's language: `problems.<CODE>` of the common
 * namespace when there is one, else the server's own detail. Never a stack or a class name.
 */
export function problemMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiProblem) {
    if (error.code === 'TOO_MANY_REQUESTS' && error.retryAfterSeconds) {
      return t('common:problems.TOO_MANY_REQUESTS_RETRY', { seconds: error.retryAfterSeconds });
    }
    const key = `common:problems.${error.code}`;
    const known = t(key, { defaultValue: '' });
    return known || error.problem.detail || error.problem.title || t('common:problems.UNKNOWN');
  }
  return t('common:problems.NETWORK');
}

/** A refusal of the API spread over a form. */
export interface FormProblem<F extends string> {
  /** Each field's messages (a PASSWORD_POLICY answer: one per rule broken). */
  fields: Partial<Record<F, string[]>>;
  /** What concerns no field of the form: one message for the top of the form. */
  message?: string;
}

/** Codes that concern one field even when the problem names none. */
const FIELD_OF_CODE: Record<string, string> = {
  EMAIL_TAKEN: 'email',
  SSO_ID_TAKEN: 'ssoId',
  PASSWORD_POLICY: 'password',
  // Single Sign-On's mode: required needs a Test sign-in first.
  SSO_TEST_REQUIRED: 'mode',
};

/**
 * The one mapping of a problem+json answer onto a form: each of errors[] onto its field when
 * the form has it (`fieldOf` renames the API's field names: password → newPassword), in the
 * user's words (`<namespace>:fieldErrors.<CODE>`, else common's, else the server's message);
 * EMAIL_TAKEN, SSO_ID_TAKEN, PASSWORD_POLICY and SSO_TEST_REQUIRED onto their field when the answer named none;
 * everything else as one message for the top. Never a raw code.
 */
export function problemOnForm<F extends string>(
  error: unknown,
  t: TFunction,
  formFields: readonly F[],
  options: { namespace?: string; fieldOf?: Partial<Record<string, F>> } = {},
): FormProblem<F> {
  const fields: FormProblem<F>['fields'] = {};
  if (!(error instanceof ApiProblem)) return { fields, message: problemMessage(error, t) };
  const { namespace, fieldOf = {} } = options;
  const onForm = (name: string | undefined): F | undefined => {
    if (name === undefined) return undefined;
    const field = fieldOf[name] ?? name;
    return (formFields as readonly string[]).includes(field) ? (field as F) : undefined;
  };
  const unplaced: string[] = [];
  for (const fieldError of error.problem.errors ?? []) {
    const text =
      (namespace && t(`${namespace}:fieldErrors.${fieldError.code}`, { defaultValue: '' })) ||
      t(`common:fieldErrors.${fieldError.code}`, {
        defaultValue: '',
        message: fieldError.message,
      }) ||
      t(`common:problems.${fieldError.code}`, { defaultValue: '' }) ||
      fieldError.message;
    const field = onForm(fieldError.field);
    if (field) (fields[field] ??= []).push(text);
    else unplaced.push(text);
  }
  const codeField = onForm(FIELD_OF_CODE[error.code]);
  if (codeField && !fields[codeField]) fields[codeField] = [problemMessage(error, t)];
  if (Object.keys(fields).length === 0) return { fields, message: problemMessage(error, t) };
  return unplaced.length ? { fields, message: unplaced.join(' · ') } : { fields };
}

/** Each field's messages on one line, for a form's setErrors. */
export function fieldMessages<F extends string>(
  fields: FormProblem<F>['fields'],
): Partial<Record<F, string>> {
  return Object.fromEntries(
    Object.entries<string[] | undefined>(fields).map(([field, texts]) => [
      field,
      (texts ?? []).join(' · '),
    ]),
  ) as Partial<Record<F, string>>;
}

/**
 * Shows a refusal on a form, as every form of the center does: each field's messages on its
 * field (`form.setErrors`), what concerns no field at the form's top (`setTopMessage`).
 */
export function showProblemOnForm<F extends string>(
  failure: unknown,
  t: TFunction,
  target: {
    form: { setErrors: (errors: Partial<Record<F, string>>) => void };
    fields: readonly F[];
    setTopMessage: (message: string | undefined) => void;
    fieldOf?: Partial<Record<string, F>>;
  },
): void {
  const problem = problemOnForm(failure, t, target.fields, { fieldOf: target.fieldOf });
  target.form.setErrors(fieldMessages(problem.fields));
  target.setTopMessage(problem.message);
}
