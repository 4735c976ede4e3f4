import { Button, Checkbox, FileInput, Group, Paper, Stack, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { useNavigate } from 'react-router';
import { GroupPicker } from '../groups/GroupPicker';
import { IdempotencyKeys } from '../api/idempotency';
import { useStartImport } from '../api/imports';
import { FileProblemAlert } from './FileProblemAlert';

/** The API refuses larger files (413); the page says so before sending them. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** Choose a group (optional), a file and whether it is a dry run; start; follow the import. */
export function StartImportForm() {
  const { t } = useTranslation('imports');
  const format = useFormatters();
  const navigate = useNavigate();
  const start = useStartImport();
  const [groupId, setGroupId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [fileError, setFileError] = useState<string>();
  // One key per chosen file and options: a second click (or a retry) is the same import.
  const idempotencyKeys = useRef(new IdempotencyKeys());
  const tooLarge = file !== null && file.size > MAX_IMPORT_BYTES;

  const submit = () => {
    if (!file) {
      setFileError(t('start.fileRequired'));
      return;
    }
    if (tooLarge || start.isPending) return;
    const idempotencyKey = idempotencyKeys.current.for([file, groupId, dryRun]);
    start.mutate(
      { file, groupId, dryRun, idempotencyKey },
      {
        onSuccess: (view) => void navigate(`/imports/${view.id}`),
        onError: (error) => idempotencyKeys.current.failed(error),
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-start-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h4" id="import-start-title">
            {t('start.title')}
          </Title>
          {start.isError && <FileProblemAlert error={start.error} />}
          <GroupPicker
            label={t('start.group')}
            description={t('start.groupHelp')}
            placeholder={t('start.groupPlaceholder')}
            value={groupId}
            onChange={(value) => {
              setGroupId(value);
              start.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('start.clearGroup') }}
            maw={520}
          />
          <FileInput
            label={t('start.file')}
            placeholder={t('start.filePlaceholder')}
            description={
              file
                ? t('start.fileChosen', { name: file.name, size: format.bytes(file.size) })
                : t('start.fileHelp')
            }
            accept=".csv,.json,text/csv,application/json"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setFileError(undefined);
              start.reset();
            }}
            error={
              tooLarge ? t('start.fileTooLarge', { size: format.bytes(file.size) }) : fileError
            }
            clearable
            clearButtonProps={{ 'aria-label': t('start.clearFile') }}
            // Mantine's placeholder gray is below AA contrast on white.
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            maw={520}
          />
          <Checkbox
            label={t('start.dryRun')}
            description={t('start.dryRunHelp')}
            checked={dryRun}
            onChange={(event) => {
              setDryRun(event.currentTarget.checked);
              start.reset();
            }}
          />
          <Group>
            <Button type="submit" loading={start.isPending} disabled={tooLarge}>
              {t('start.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
