import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../ui/problem';
import { downloadCsvTemplate, downloadJsonTemplate, type TemplateDelimiter } from '../api/imports';

const DELIMITERS: TemplateDelimiter[] = ['comma', 'semicolon', 'tab'];

/** The example files: CSV with the chosen delimiter, and JSON. */
export function ImportTemplates() {
  const { t } = useTranslation('imports');
  const [delimiter, setDelimiter] = useState<TemplateDelimiter>('comma');
  const [error, setError] = useState<unknown>();

  const run = (action: () => Promise<void>) => {
    setError(undefined);
    action().catch(setError);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-templates-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-templates-title">
          {t('templates.title')}
        </Title>
        <Text size="sm">{t('templates.text')}</Text>
        <Radio.Group
          label={t('templates.delimiter')}
          value={delimiter}
          onChange={(value) => setDelimiter(value)}
        >
          <Group mt={4}>
            {DELIMITERS.map((value) => (
              <Radio key={value} value={value} label={t(`templates.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Group>
          <Button variant="light" onClick={() => run(() => downloadCsvTemplate(delimiter))}>
            {t('templates.csv')}
          </Button>
          <Button variant="light" onClick={() => run(downloadJsonTemplate)}>
            {t('templates.json')}
          </Button>
        </Group>
        {error !== undefined && (
          <Alert color="red" role="alert" title={t('templates.failed')}>
            {problemMessage(error, t)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
