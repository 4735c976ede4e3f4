import { Alert, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fileProblemWords } from './file-problem';

/** A refused upload: what is wrong in words, and for a header row, expected beside found. */
export function FileProblemAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('imports');
  const words = fileProblemWords(error, t, i18n.resolvedLanguage);
  const headers = words.headers;
  const rows = headers ? Math.max(headers.expected.length, headers.found.length) : 0;
  return (
    <Alert color="red" role="alert" title={t('start.refused')}>
      <Stack gap="sm">
        <Text size="sm">{words.message}</Text>
        {headers && (
          <Table withTableBorder striped={false} fz="sm" maw={640}>
            <caption>{t('fileProblems.headerTable')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fileProblems.column')}</Table.Th>
                <Table.Th scope="col">{t('fileProblems.expected')}</Table.Th>
                <Table.Th scope="col">{t('fileProblems.found')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Array.from({ length: rows }, (_, i) => {
                const differs = i + 1 === headers.position;
                return (
                  <Table.Tr
                    key={i}
                    fw={differs ? 700 : undefined}
                    aria-current={differs || undefined}
                  >
                    <Table.Td>
                      {i + 1}
                      {differs && ` (${t('fileProblems.firstDifference')})`}
                    </Table.Td>
                    <Table.Td>{headers.expected[i] ?? t('fileProblems.missing')}</Table.Td>
                    <Table.Td>{headers.found[i] ?? t('fileProblems.missing')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Alert>
  );
}
