import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Technician } from '../api/technicians';
/**
 * The permissions a technician has from its Technician Group (never its own): read-only,
 * with the group named and linked. They change the moment the technician moves.
 */
export function InheritedPermissions({
  technician,
  groupName,
}: {
  technician: Technician;
  groupName: string | undefined;
}) {
  const { t } = useTranslation('technicians');
  const group = (
    <Anchor component={Link} to={`/groups/${technician.groupId}`} underline="always">
      {groupName ?? t('permissions.thisGroup')}
    </Anchor>
  );
  return (
    <>
      <Text size="sm">
        {t('permissions.inheritedFrom')} {group}
      </Text>
      {technician.permissions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('permissions.none')}
        </Text>
      ) : (
        <List size="sm" aria-label={t('permissions.listLabel')} spacing={2}>
          {technician.permissions.map((permission) => (
            <List.Item key={permission}>
              {t(`common:permissionNames.${permission}`, { defaultValue: permission })}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
