import { Anchor, List, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { Link } from 'react-router';
import type { AuditEntry } from '../api/audit-events';
import {
  actorLabel,
  describeEntry,
  describeOrigin,
  fieldLabel,
  formatValue,
  importOrigin,
} from './audit-text';

/** An audit entry's moment, to the second (the log is read for sequences of events). */
const SECONDS = { dateStyle: 'medium', timeStyle: 'medium' } as const;

/**
 * Audit entries as a table: when, who, what, from where, and the fields changed as
 * before → after. `compact` (a History section, beside the tree in a panel narrower than
 * the log's table) leaves out the target's links and fits its panel: its
 * cells wrap between words rather than the table scrolling sideways (only a word wider than
 * a column, a long address, still makes it scroll).
 */
export function AuditEntriesTable({
  entries,
  label,
  compact = false,
}: {
  entries: AuditEntry[];
  /** The table's accessible name. */
  label: string;
  compact?: boolean;
}) {
  const { t } = useTranslation('audit');
  const format = useFormatters();

  return (
    <Table.ScrollContainer minWidth={compact ? 0 : 720}>
      <Table
        striped
        aria-label={label}
        verticalSpacing="xs"
        style={compact ? { overflowWrap: 'break-word' } : undefined}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('columns.when')}</Table.Th>
            <Table.Th scope="col">{t('columns.who')}</Table.Th>
            <Table.Th scope="col">{t('columns.what')}</Table.Th>
            <Table.Th scope="col">{t('columns.where')}</Table.Th>
            <Table.Th scope="col">{t('columns.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>
                <time dateTime={entry.time}>{format.dateTime(entry.time, SECONDS)}</time>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {entry.actor.id ? (
                    <Anchor
                      size="sm"
                      component={Link}
                      to={`/audit?actor=${entry.actor.id}`}
                      aria-label={t('entry.onlyActor', { name: actorLabel(entry, t) })}
                    >
                      {actorLabel(entry, t)}
                    </Anchor>
                  ) : (
                    <Text size="sm">{actorLabel(entry, t)}</Text>
                  )}
                  {entry.actor.type && entry.actor.type !== 'account' && (
                    <Text size="xs" c="dimmed">
                      {t(`actorTypes.${entry.actor.type}`, { defaultValue: entry.actor.type })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{describeEntry(entry, t)}</Text>
                {!compact && <TargetLink entry={entry} />}
              </Table.Td>
              <Table.Td>
                <Origin entry={entry} />
              </Table.Td>
              <Table.Td>
                <Changes entry={entry} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Where the target lives in the center, when it has a page there. */
function TargetLink({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  const name = entry.target.name || entry.target.id;
  const to =
    entry.target.type === 'technician' && !entry.type.endsWith('.deleted.v1')
      ? `/technicians/${entry.target.id}`
      : entry.target.type === 'group' && !entry.type.endsWith('.deleted.v1')
        ? `/groups/${entry.target.id}`
        : undefined;
  return (
    <Text size="xs">
      <Anchor component={Link} to={`/audit?target=${entry.target.id}`}>
        {t('entry.onlyTarget', { name })}
      </Anchor>
      {to && (
        <>
          {' · '}
          <Anchor component={Link} to={to}>
            {t('entry.openTarget', { name })}
          </Anchor>
        </>
      )}
    </Text>
  );
}

function Origin({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  const text = describeOrigin(entry, t);
  const source = entry.channel === 'import' ? importOrigin(entry.origin) : undefined;
  if (!source) return <Text size="sm">{text}</Text>;
  return (
    <Anchor size="sm" component={Link} to={`/imports/${source.importId}`}>
      {text}
    </Anchor>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  if (entry.changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('changes.none')}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2} listStyleType="none" aria-label={t('changes.label')}>
      {entry.changes.map((change) => (
        <List.Item key={change.field}>
          <Text span size="sm" fw={600}>
            {fieldLabel(change.field, t)}:
          </Text>{' '}
          {formatValue(change.before, t)} <span aria-hidden="true">→</span>
          <VisuallyHidden> {t('changes.to')}</VisuallyHidden> {formatValue(change.after, t)}
        </List.Item>
      ))}
    </List>
  );
}
