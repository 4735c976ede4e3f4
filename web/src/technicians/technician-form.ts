import type { TFunction } from 'i18next';
import type { CreateTechnicianBody, Technician, UpdateTechnicianBody } from '../api/technicians';
import { problemOnForm, type FormProblem } from '../ui/problem';

/** The limits of the product specification (section 2); the server enforces them too. */
export const LIMITS = { name: 128, nickname: 128, email: 254, ssoId: 128, description: 1024 };
export const PASSWORD_FIELD_MAX = 128;

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
export type FormErrors = FormProblem<FormField>;

/**
 * A refusal of the API spread over a technician form (ui/problem's problemOnForm): the words
 * of technicians:fieldErrors first, EMAIL_TAKEN onto Email, SSO_ID_TAKEN onto Single Sign-On
 * ID, everything else as one message for the top.
 */
export function formErrors(error: unknown, t: TFunction): FormErrors {
  return problemOnForm(error, t, FORM_FIELDS, { namespace: 'technicians' });
}

/** What the technician form holds (the same fields on create and on the Configuration page). */
export interface TechnicianValues {
  name: string;
  nickname: string;
  email: string;
  ssoId: string;
  description: string;
  enabled: boolean;
  standardLicense: boolean;
  mobileLicense: boolean;
}

export interface CreateValues extends TechnicianValues {
  password: string;
}

/** A new technician's form: enabled, with a standard license (the API's defaults). */
export const EMPTY_VALUES: CreateValues = {
  name: '',
  nickname: '',
  email: '',
  ssoId: '',
  description: '',
  password: '',
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
};

/** The form's values for a technician as the API answered it. */
export function valuesOf(technician: Technician): TechnicianValues {
  return {
    name: technician.name,
    nickname: technician.nickname,
    email: technician.email,
    ssoId: technician.ssoId ?? '',
    description: technician.description,
    enabled: technician.enabled,
    standardLicense: technician.standardLicense,
    mobileLicense: technician.mobileLicense,
  };
}

/**
 * POST /groups/:id/technicians's body: one-line fields trimmed (the server trims them too),
 * optional fields left out when empty (so the nickname defaults to the name), the password
 * sent exactly as typed.
 */
export function createBody(values: CreateValues): CreateTechnicianBody {
  const body: CreateTechnicianBody = {
    name: values.name.trim(),
    email: values.email.trim(),
    password: values.password,
    enabled: values.enabled,
    standardLicense: values.standardLicense,
    mobileLicense: values.mobileLicense,
  };
  const nickname = values.nickname.trim();
  const ssoId = values.ssoId.trim();
  if (nickname) body.nickname = nickname;
  if (ssoId) body.ssoId = ssoId;
  if (values.description.trim()) body.description = values.description;
  return body;
}

/**
 * PATCH /technicians/:id's body: only what differs from the technician as loaded. Clearing
 * the Single Sign-On ID sends '' (which removes it); clearing the nickname sends '' (the
 * server then uses the name, as on create).
 */
export function updateBody(values: TechnicianValues, technician: Technician): UpdateTechnicianBody {
  const now: TechnicianValues = {
    ...values,
    name: values.name.trim(),
    nickname: values.nickname.trim(),
    email: values.email.trim(),
    ssoId: values.ssoId.trim(),
  };
  const before = valuesOf(technician);
  const body: Record<string, string | boolean> = {};
  for (const key of Object.keys(now) as (keyof TechnicianValues)[]) {
    if (now[key] !== before[key]) body[key] = now[key];
  }
  return body;
}

/** Characters as the server counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** A mailbox at a domain with a dot; the server's stricter check stays the judge. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;

/** Client-side check results: an i18n key (technicians namespace) and its values. */
export interface Problem {
  key: string;
  values?: Record<string, number>;
}

/**
 * The checks the browser can make before sending (the spec's limits and the email's shape),
 * by field; the server judges again, and alone judges the password against the policy.
 */
export function checkValues(
  values: TechnicianValues & { password?: string },
  { passwordRequired }: { passwordRequired: boolean },
): Partial<Record<keyof CreateValues, Problem>> {
  const problems: Partial<Record<keyof CreateValues, Problem>> = {};
  const tooLong = (field: keyof typeof LIMITS, text: string) => {
    if (characterCount(text) > LIMITS[field]) {
      problems[field] = { key: 'validation.tooLong', values: { count: LIMITS[field] } };
    }
  };
  const name = values.name.trim();
  if (!name) problems.name = { key: 'validation.nameRequired' };
  else tooLong('name', name);
  tooLong('nickname', values.nickname.trim());
  const email = values.email.trim();
  if (!email) problems.email = { key: 'validation.emailRequired' };
  else if (characterCount(email) > LIMITS.email) tooLong('email', email);
  else if (!EMAIL.test(email)) problems.email = { key: 'validation.emailInvalid' };
  tooLong('ssoId', values.ssoId.trim());
  tooLong('description', values.description);
  if (passwordRequired && !values.password) {
    problems.password = { key: 'validation.passwordRequired' };
  }
  return problems;
}
