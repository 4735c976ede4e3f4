import { Alert, Button, Divider, Group, PasswordInput, Text, TextInput } from '@mantine/core';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LanguageSelect } from '../ui/LanguageSelect';
import { discoverSignIn, signIn } from '../api/sign-in';
import { ApiProblem } from '../api/client';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { AuthCard } from './AuthCard';
import { safeNext } from './safe-next';
import { ssoProblemMessage } from './sso-problem';
import { goToProvider } from './sso-redirect';
import { session } from '../api/session';

/**
 * Where the sign-in is: the email first; then the password, with the organization's
 * provider offered beside it when its Single Sign-On is optional (or when the password was
 * refused with SSO_REQUIRED). When it is required, the browser goes straight to the provider.
 */
type Step = 'email' | 'password';

/**
 * The sign-in page. `/sign-in?password` asks for email and password at once and never goes
 * to the provider: for break-glass Master Administrators while the provider is down.
 */
export function SignInPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const passwordOnly = params.has('password');
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>(passwordOnly ? 'password' : 'email');
  const [ssoOffered, setSsoOffered] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<'continue' | 'password' | 'sso'>();
  // Two fields in plain state (not @mantine/form: the first page loads as little as it can).
  const [values, setValues] = useState({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const email = values.email.trim();
  const field = (name: 'email' | 'password') => ({
    value: values[name],
    error: fieldErrors[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setFieldErrors((current) => ({ ...current, [name]: undefined }));
    },
  });

  const toProvider = async () => {
    setBusy('sso');
    setError(undefined);
    try {
      await goToProvider(email, params.get('next'));
      // The browser is leaving: stay busy until it has.
    } catch (failure) {
      setError(ssoProblemMessage(t, failure));
      setBusy(undefined);
    }
  };

  const discover = async () => {
    setBusy('continue');
    setError(undefined);
    try {
      const answer = await discoverSignIn(email);
      if (answer.method === 'sso' && answer.mode === 'required') return await toProvider();
      setSsoOffered(answer.method === 'sso');
      setStep('password');
    } catch (failure) {
      setError(problemMessage(failure, t));
    } finally {
      setBusy((current) => (current === 'continue' ? undefined : current));
    }
  };

  const signInWithPassword = async (password: string) => {
    // Checked here, not by the form: the email step has no password to check.
    if (!password) return setFieldErrors({ password: t('signIn.passwordRequired') });
    setBusy('password');
    setError(undefined);
    try {
      const answer = await signIn(email, password);
      session.start(answer.accessToken, answer.expiresIn);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.code === 'SSO_REQUIRED') {
        setSsoOffered(true);
        setNotice(ssoProblemMessage(t, failure));
      } else {
        setError(problemMessage(failure, t));
      }
    } finally {
      setBusy(undefined);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!email) return setFieldErrors({ email: t('signIn.emailRequired') });
    void (step === 'email' ? discover() : signInWithPassword(values.password));
  };

  const otherEmail = () => {
    setStep('email');
    setSsoOffered(false);
    setNotice(undefined);
    setError(undefined);
    setValues((current) => ({ ...current, password: '' }));
  };

  const reason = params.get('reason');
  const emailFixed = step === 'password' && !passwordOnly;
  return (
    <AuthCard title={t('signIn.title')} error={error} onSubmit={submit}>
      {reason === 'expired' && (
        <Alert color="yellow" role="status">
          {t('signIn.expired')}
        </Alert>
      )}
      {reason === 'signed-out' && <Alert role="status">{t('signIn.signedOut')}</Alert>}
      {notice && (
        <Alert color="yellow" role="status">
          {notice}
        </Alert>
      )}
      <TextInput
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        required
        autoFocus={!emailFixed}
        readOnly={emailFixed}
        {...field('email')}
      />
      {emailFixed && (
        <Group justify="flex-end" mt={-8}>
          <Button variant="subtle" size="compact-sm" onClick={otherEmail}>
            {t('signIn.otherEmail')}
          </Button>
        </Group>
      )}
      {step === 'email' ? (
        <Button type="submit" loading={busy !== undefined}>
          {t('signIn.continue')}
        </Button>
      ) : (
        <>
          {ssoOffered && (
            <>
              <Button
                variant={notice ? 'filled' : 'light'}
                loading={busy === 'sso'}
                disabled={busy !== undefined && busy !== 'sso'}
                onClick={() => void toProvider()}
              >
                {t('sso.withOrganization')}
              </Button>
              <Divider label={t('sso.orPassword')} labelPosition="center" />
            </>
          )}
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            autoFocus={emailFixed}
            {...field('password')}
          />
          <Button type="submit" loading={busy === 'password'} disabled={busy === 'sso'}>
            {t('signIn.submit')}
          </Button>
        </>
      )}
      {busy === 'sso' && (
        <Text size="sm" role="status">
          {t('sso.leaving')}
        </Text>
      )}
      <LanguageSelect />
    </AuthCard>
  );
}
