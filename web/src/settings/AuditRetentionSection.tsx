import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/ErrorState';
import { FormAlert } from '../ui/FormAlert';
import { showProblemOnForm } from '../ui/problem';
import { useAuditSettings, useSaveAuditSettings, type AuditSettings } from '../api/settings';

/** The bounds of `retentionDays` (the API's: 1..3650 days). */
const RETENTION_DAYS = { min: 1, max: 3650 };

/** Global Settings, "Audit log": how long the log keeps its entries (PUT /settings/audit). */
export function AuditRetentionSection() {
  const { t } = useTranslation('settings');
  const settings = useAuditSettings();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="audit-settings-title">
      <Stack>
        <div>
          <Title order={2} id="audit-settings-title">
            {t('audit.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={640}>
            {t('audit.intro')}
          </Text>
        </div>
        {settings.isPending && <Text>{t('loading')}</Text>}
        {settings.isError && (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        )}
        {settings.data && <RetentionForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function RetentionForm({ settings }: { settings: AuditSettings }) {
  const { t } = useTranslation('settings');
  const save = useSaveAuditSettings();
  const [error, setError] = useState<string>();
  const form = useForm<{ retentionDays: number | string }>({
    initialValues: { retentionDays: settings.retentionDays },
    validate: {
      retentionDays: (value) =>
        Number.isInteger(value) &&
        Number(value) >= RETENTION_DAYS.min &&
        Number(value) <= RETENTION_DAYS.max
          ? null
          : t('audit.retentionRange', RETENTION_DAYS),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const saved = await save.mutateAsync({ retentionDays: Number(values.retentionDays) });
      form.setValues(saved);
      form.resetDirty(saved);
      notifications.show({ color: 'teal', message: t('audit.saved') });
    } catch (failure) {
      showProblemOnForm(failure, t, { form, fields: ['retentionDays'], setTopMessage: setError });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="audit-settings-title">
      <Stack gap="lg" maw={640}>
        <FormAlert message={error} />
        <NumberInput
          label={t('audit.retentionDays')}
          description={t('audit.retentionHelp', RETENTION_DAYS)}
          min={RETENTION_DAYS.min}
          max={RETENTION_DAYS.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          {...form.getInputProps('retentionDays')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('audit.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
