import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePasswordPolicy } from '../api/settings';
import { FormAlert } from '../ui/FormAlert';
import { PasswordRules } from '../ui/PasswordRules';
import { useResetPassword, type Technician } from '../api/technicians';
import { formErrors } from './technician-form';
import { errorLines } from './TechnicianFields';

/**
 * A separate form to set a new password for the technician. Whether they must change it at
 * next sign-in is the organization's policy ("Admin password changes force user to change
 * password at next logon"), and the page says which applies.
 */
export function PasswordReset({ technician }: { technician: Technician }) {
  const { t } = useTranslation('technicians');
  const policy = usePasswordPolicy();
  const reset = useResetPassword(technician.id);
  const [message, setMessage] = useState<string>();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('validation.passwordRequired')) },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setMessage(undefined);
    try {
      await reset.mutateAsync(password);
      form.reset();
      notifications.show({
        color: 'teal',
        title: t('password.done.title'),
        message: policy.data?.forceChangeOnAdminSet
          ? t('password.done.mustChange', { name: technician.name })
          : t('password.done.mayKeep', { name: technician.name }),
      });
    } catch (failure) {
      const errors = formErrors(failure, t);
      if (errors.fields.password)
        form.setFieldError('password', errorLines(errors.fields.password));
      setMessage(errors.message ?? (errors.fields.password ? undefined : t('notSaved')));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert message={message} />
        {policy.data && (
          <Text size="sm">
            {policy.data.forceChangeOnAdminSet ? t('password.forced') : t('password.notForced')}
          </Text>
        )}
        <PasswordInput
          label={t('fields.newPassword')}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        {policy.data && <PasswordRules password={form.values.password} policy={policy.data} />}
        <div>
          <Button type="submit" loading={reset.isPending}>
            {t('password.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
