import { Button, PasswordInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { changePassword, signIn, signOut } from '../api/sign-in';
import { queryKeys } from '../api/query-keys';
import { usePasswordPolicy } from '../api/settings';
import { PasswordRules } from '../ui/PasswordRules';
import { showProblemOnForm } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { AuthCard } from './AuthCard';
import { useCurrentAdmin } from './guards';
import { safeNext } from './safe-next';
import { session } from '../api/session';

/**
 * The forced (or chosen) password change. Changing the password ends every session of the
 * account, this one included, so the page signs in again with the new password.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('changePassword.title'));
  const me = useCurrentAdmin();
  const policy = usePasswordPolicy();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmation: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('changePassword.currentRequired')),
      confirmation: (value, values) =>
        value === values.newPassword ? null : t('changePassword.mismatch'),
    },
  });

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(currentPassword, newPassword);
      const answer = await signIn(me.email, newPassword);
      session.start(answer.accessToken, answer.expiresIn);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (failure) {
      // The API names the new password `password` when its policy refuses it.
      showProblemOnForm(failure, t, {
        form,
        fields: ['currentPassword', 'newPassword'],
        setTopMessage: setError,
        fieldOf: { password: 'newPassword' },
      });
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthCard title={t('changePassword.title')} error={error} onSubmit={submit} width={460}>
      {me.mustChangePassword && <Text>{t('changePassword.required')}</Text>}
      <PasswordInput
        label={t('changePassword.current')}
        autoComplete="current-password"
        required
        {...form.getInputProps('currentPassword')}
      />
      <PasswordInput
        label={t('changePassword.new')}
        autoComplete="new-password"
        required
        {...form.getInputProps('newPassword')}
      />
      {policy.data && <PasswordRules password={form.values.newPassword} policy={policy.data} />}
      <PasswordInput
        label={t('changePassword.confirm')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirmation')}
      />
      <Button type="submit" loading={busy}>
        {t('changePassword.submit')}
      </Button>
      <Button variant="subtle" onClick={() => void signOut()}>
        {t('signOut')}
      </Button>
    </AuthCard>
  );
}
