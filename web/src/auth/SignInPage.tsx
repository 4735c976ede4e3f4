import { Alert, Button, PasswordInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LanguageSelect } from '../ui/LanguageSelect';
import { signIn } from '../api/auth';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { AuthCard } from './AuthCard';
import { safeNext } from './safe-next';
import { session } from '../api/session';

export function SignInPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('signIn.emailRequired')),
      password: (value) => (value ? null : t('signIn.passwordRequired')),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await signIn(email.trim(), password);
      queryClient.clear();
      session.start(answer.accessToken, answer.expiresIn);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (failure) {
      setError(problemMessage(failure, t));
    } finally {
      setBusy(false);
    }
  });

  const reason = params.get('reason');
  return (
    <AuthCard title={t('signIn.title')} error={error} onSubmit={submit}>
      {reason === 'expired' && (
        <Alert color="yellow" role="status">
          {t('signIn.expired')}
        </Alert>
      )}
      {reason === 'signed-out' && <Alert role="status">{t('signIn.signedOut')}</Alert>}
      <TextInput
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        required
        autoFocus
        {...form.getInputProps('email')}
      />
      <PasswordInput
        label={t('signIn.password')}
        autoComplete="current-password"
        required
        {...form.getInputProps('password')}
      />
      <Button type="submit" loading={busy}>
        {t('signIn.submit')}
      </Button>
      <LanguageSelect />
    </AuthCard>
  );
}
