import { Button, Code, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { useGroup } from '../api/groups';
import { useScimTokens, type ScimToken } from '../api/scim-tokens';
import { RevokeScimTokenModal } from './RevokeScimTokenModal';
import { scimBaseUrl, ScimTokenFormModal } from './ScimTokenFormModal';
import { SettingsSection } from './SettingsSection';

/**
 * Global Settings, "Provisioning (SCIM)": the base URL to give Microsoft Entra ID or Okta,
 * the tokens they provision with (each bound to a Technician Group's subtree), when each was
 * last used, and revoke. A new token is shown once.
 */
export function ScimTokensSection() {
  const { t } = useTranslation('settings');
  const tokens = useScimTokens();
  const [form, setForm] = useState({ opened: false, formKey: 0 });
  const [revoking, setRevoking] = useState<{ opened: boolean; token?: ScimToken }>({
    opened: false,
  });
  const format = useFormatters();
  const items = tokens.data?.items ?? [];

  return (
    <SettingsSection
      titleId="scim-title"
      title={t('scim.title')}
      intro={t('scim.intro')}
      action={
        <Button
          onClick={() => setForm((current) => ({ opened: true, formKey: current.formKey + 1 }))}
        >
          {t('scim.create')}
        </Button>
      }
      dialogs={
        <>
          <ScimTokenFormModal
            opened={form.opened}
            formKey={form.formKey}
            onClose={() => setForm((current) => ({ ...current, opened: false }))}
          />
          <RevokeScimTokenModal
            opened={revoking.opened}
            token={revoking.token}
            onClose={() => setRevoking((current) => ({ ...current, opened: false }))}
          />
        </>
      }
    >
      <Text size="sm">
        {t('scim.baseUrl')} <Code>{scimBaseUrl()}</Code>
      </Text>
      {tokens.isPending ? (
        <Text c="dimmed">{t('loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('scim.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('scim.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('scim.columns.name')}</Table.Th>
                <Table.Th>{t('scim.columns.group')}</Table.Th>
                <Table.Th>{t('scim.columns.createdAt')}</Table.Th>
                <Table.Th>{t('scim.columns.lastUsedAt')}</Table.Th>
                <Table.Th>{t('scim.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>
                    <GroupName id={token.groupId} />
                  </Table.Td>
                  <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
                  <Table.Td>
                    {token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('scim.neverUsed')}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      aria-label={t('scim.revokeLabel', { name: token.name })}
                      onClick={() => setRevoking({ opened: true, token })}
                    >
                      {t('scim.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SettingsSection>
  );
}

function GroupName({ id }: { id: string }) {
  const group = useGroup(id, { retry: false });
  return <>{group.data?.name ?? '…'}</>;
}
