import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../ui/usePageTitle';
import type { Me } from '../api/auth';
import { signOut } from '../api/sign-in';

/** What a technician sees after signing in: this center is for administrators. */
export function TechnicianOnlyPage({ me }: { me: Me }) {
  const { t } = useTranslation('auth');
  usePageTitle(t('technicianOnly.title'));
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" maw={480}>
        <Stack>
          <Title order={1} size="h2">
            {t('technicianOnly.title')}
          </Title>
          <Text>{t('technicianOnly.text', { name: me.name })}</Text>
          <Button onClick={() => void signOut()}>{t('signOut')}</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
