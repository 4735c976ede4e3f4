import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { startSsoTest, type SsoSettings } from '../api/sso';
import { queryKeys } from '../api/query-keys';
import { SSO_TEST_CHANNEL, type SsoTestMessage } from '../auth/SsoSignInPage';
import { problemMessage } from '../ui/problem';

type Result = { ok: true; ssoId?: string } | { ok: false; message: string };

/**
 * Test sign-in: the Master Administrator signs in through the provider with the saved
 * settings, in a new window; that window (the sign-in page at /sign-in/sso) tells this page
 * how it went (postMessage, or a BroadcastChannel when the opener was severed), and the settings are read again (testSucceededAt, which `required` needs).
 */
export function SsoTestSignIn({ settings, unsaved }: { settings: SsoSettings; unsaved: boolean }) {
  const { t } = useTranslation('settings');
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>();
  const format = useFormatters();

  // A Test sign-in is under way: only then is a failure reported to this page its own.
  const awaiting = useRef(false);
  useEffect(() => {
    const hear = (message: SsoTestMessage | undefined) => {
      if (message?.type !== 'rac.sso-test') return;
      if (!message.ok && !awaiting.current) return;
      awaiting.current = false;
      setResult(
        message.ok
          ? { ok: true, ssoId: message.ssoId }
          : { ok: false, message: message.message ?? t('sso.test.failed') },
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.ssoSettings });
    };
    const fromOpened = (event: MessageEvent<SsoTestMessage>) => {
      // Only a window of this app's own origin speaks for the test.
      if (event.origin === window.location.origin) hear(event.data);
    };
    const channel = new BroadcastChannel(SSO_TEST_CHANNEL);
    channel.onmessage = (event: MessageEvent<SsoTestMessage>) => hear(event.data);
    window.addEventListener('message', fromOpened);
    return () => {
      window.removeEventListener('message', fromOpened);
      channel.close();
    };
  }, [queryClient, t]);

  const test = async () => {
    setResult(undefined);
    setBusy(true);
    awaiting.current = true;
    // Opened now, in the click: a window opened after an await is blocked as a pop-up.
    const popup = window.open('about:blank', 'rac-sso-test', 'popup,width=560,height=720');
    try {
      const redirectUrl = await startSsoTest();
      if (popup) popup.location.href = redirectUrl;
      else setResult({ ok: false, message: t('sso.test.blocked') });
    } catch (failure) {
      awaiting.current = false;
      popup?.close();
      setResult({ ok: false, message: problemMessage(failure, t) });
    } finally {
      setBusy(false);
    }
  };

  const configured = settings.protocol !== null;
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="light"
          loading={busy}
          disabled={!configured || unsaved}
          onClick={() => void test()}
        >
          {t('sso.test.button')}
        </Button>
        <Text size="sm" c="dimmed">
          {unsaved || !configured ? t('sso.test.saveFirst') : t('sso.test.help')}
        </Text>
      </Group>
      <Text size="sm" role="status">
        {settings.testSucceededAt
          ? t('sso.test.lastSucceeded', { when: format.dateTime(settings.testSucceededAt) })
          : t('sso.test.never')}
      </Text>
      {result?.ok && (
        <Alert variant="outline" color="teal.9" role="status" title={t('sso.test.succeeded')}>
          {result.ssoId && t('sso.test.ssoId', { ssoId: result.ssoId })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" role="alert" title={t('sso.test.failed')}>
          {result.message}
        </Alert>
      )}
    </Stack>
  );
}
