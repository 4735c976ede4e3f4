import { Checkbox, Fieldset, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkValues,
  type FormErrors,
  type CreateValues,
  type TechnicianValues,
} from './technician-form';

/**
 * The fields a technician is made of, the same on Create technician and on its Configuration
 * page: Name, Nickname, Email, Single Sign-On ID, Description, then Status (Enabled) and the
 * licenses. `passwordSlot` goes between Description and Status (New password, on create).
 */
export function TechnicianFields<V extends TechnicianValues>({
  form,
  passwordSlot,
}: {
  form: UseFormReturnType<V>;
  passwordSlot?: ReactNode;
}) {
  const { t } = useTranslation('technicians');
  const input = (field: keyof TechnicianValues) => form.getInputProps(field);
  const checkbox = (field: keyof TechnicianValues) =>
    form.getInputProps(field, { type: 'checkbox' });
  return (
    <Stack gap="sm">
      <TextInput label={t('fields.name')} required autoComplete="off" {...input('name')} />
      <TextInput
        label={t('fields.nickname')}
        description={t('fields.nicknameHint')}
        autoComplete="off"
        {...input('nickname')}
      />
      <TextInput
        label={t('fields.email')}
        type="email"
        required
        autoComplete="off"
        {...input('email')}
      />
      <TextInput label={t('fields.ssoId')} autoComplete="off" {...input('ssoId')} />
      <Textarea label={t('fields.description')} autosize minRows={2} {...input('description')} />
      {passwordSlot}
      <Fieldset legend={t('fields.status')} variant="unstyled">
        <Checkbox label={t('fields.enabled')} {...checkbox('enabled')} />
      </Fieldset>
      <Fieldset legend={t('fields.licenses')} variant="unstyled">
        <Stack gap="xs">
          <Checkbox label={t('fields.standardLicense')} {...checkbox('standardLicense')} />
          <Checkbox label={t('fields.mobileLicense')} {...checkbox('mobileLicense')} />
        </Stack>
      </Fieldset>
    </Stack>
  );
}

/** Each message of a field on a line of its own (a PASSWORD_POLICY answer lists every rule broken). */
export function errorLines(messages: string[]): ReactNode {
  return messages.map((message) => (
    <span key={message} style={{ display: 'block' }}>
      {message}
    </span>
  ));
}

/** The browser's own checks, as Mantine form errors (null when all is well). */
export function validateTechnician(
  values: TechnicianValues & { password?: string },
  t: TFunction,
  passwordRequired: boolean,
): Partial<Record<keyof CreateValues, string>> {
  const problems = checkValues(values, { passwordRequired });
  return Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [
      field,
      t(`technicians:${problem.key}`, problem.values),
    ]),
  );
}

/** A server refusal's field messages as Mantine form errors. */
export function toFormErrors(errors: FormErrors): Record<string, ReactNode> {
  return Object.fromEntries(
    Object.entries(errors.fields).map(([field, messages]) => [field, errorLines(messages)]),
  );
}
