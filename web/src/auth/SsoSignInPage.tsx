import { Alert, Anchor, Center, Code, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { completeSso, isTestResult } from '../api/sign-in';
import { session } from '../api/session';
import { LanguageSelect } from '../ui/LanguageSelect';
import { usePageTitle } from '../ui/usePageTitle';
import { ssoProblemMessage } from './sso-problem';
import { takeNextAfterProvider } from './sso-redirect';

/** What the Settings page that opened a Test sign-in window is told (postMessage). */
export interface SsoTestMessage {
  type: 'rac.sso-test';
  ok: boolean;
  ssoId?: string;
  message?: string;
}

/** Where a Test sign-in window reports to the Global Settings page (same origin only). */
export const SSO_TEST_CHANNEL = 'rac.sso-test';

function tellOpener(message: SsoTestMessage): void {
  // Only a page of this app hears it (same origin). The opener is often gone: the gateway's
  // Cross-Origin-Opener-Policy severs it when the window went through the provider's site,
  // so the same message goes out on a BroadcastChannel of this origin too.
  (window.opener as Window | null)?.postMessage(message, window.location.origin);
  const channel = new BroadcastChannel(SSO_TEST_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

type Outcome =
  { kind: 'working' } | { kind: 'test'; ssoId: string } | { kind: 'refused'; message: string };

/**
 * `/sign-in/sso`, where the provider sends the browser back: `?handoff=` is completed here
 * (a sign-in starts the session as the password does; a Test sign-in tells its opener), and
 * `?error=&reason=` or a refusal of complete is said in words, with the way back.
 */
export function SsoSignInPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('sso.page.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const handoff = params.get('handoff');
  const code = params.get('error');
  const reason = params.get('reason');
  const [outcome, setOutcome] = useState<Outcome>(() =>
    handoff
      ? { kind: 'working' }
      : { kind: 'refused', message: ssoProblemMessage(t, { code: code ?? 'SSO_FAILED', reason }) },
  );

  useEffect(() => {
    if (!handoff) {
      tellOpener({
        type: 'rac.sso-test',
        ok: false,
        message: outcome.kind === 'refused' ? outcome.message : undefined,
      });
      return;
    }
    let current = true;
    completeSso(handoff).then(
      async (answer) => {
        if (!current) return;
        if (isTestResult(answer)) {
          setOutcome({ kind: 'test', ssoId: answer.ssoId });
          tellOpener({ type: 'rac.sso-test', ok: true, ssoId: answer.ssoId });
          return;
        }
        session.start(answer.accessToken, answer.expiresIn);
        await navigate(takeNextAfterProvider(), { replace: true });
      },
      (failure: unknown) => {
        if (!current) return;
        const message = ssoProblemMessage(t, failure);
        setOutcome({ kind: 'refused', message });
        tellOpener({ type: 'rac.sso-test', ok: false, message });
      },
    );
    return () => {
      current = false;
    };
    // Once per handoff: the outcome and t are not inputs of the request.
  }, [handoff]);

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={480}>
        <Stack>
          <Title order={1} size="h2">
            {outcome.kind === 'test' ? t('sso.page.testTitle') : t('sso.page.title')}
          </Title>
          {outcome.kind === 'working' && (
            <Center role="status" aria-label={t('sso.page.working')}>
              <Loader />
            </Center>
          )}
          {outcome.kind === 'test' && (
            <Alert
              variant="outline"
              color="teal.9"
              role="status"
              title={t('sso.page.testSucceeded')}
            >
              <Text size="sm">
                {t('sso.page.testSsoId')} <Code>{outcome.ssoId}</Code>
              </Text>
              <Text size="sm" mt="xs">
                {t('sso.page.testClose')}
              </Text>
            </Alert>
          )}
          {outcome.kind === 'refused' && (
            <>
              <Alert color="red" role="alert" title={t('sso.page.refused')}>
                {outcome.message}
              </Alert>
              <Anchor component={Link} to="/sign-in">
                {t('sso.page.back')}
              </Anchor>
            </>
          )}
          <LanguageSelect />
        </Stack>
      </Paper>
    </Center>
  );
}
