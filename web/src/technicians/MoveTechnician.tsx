import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupPicker } from '../groups/GroupPicker';
import { FormAlert } from '../ui/FormAlert';
import { problemMessage } from '../ui/problem';
import { useMoveTechnician, type Technician } from '../api/technicians';

/**
 * Move to Technician Group: a searchable list of the caller's groups, then Move. The
 * technician comes back with its new group's permissions, which the page shows at once.
 */
export function MoveTechnician({ technician }: { technician: Technician }) {
  const { t } = useTranslation('technicians');
  const move = useMoveTechnician();
  const [target, setTarget] = useState<{ id: string; label: string } | null>(null);
  const [message, setMessage] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target || move.isPending) return;
    setMessage(undefined);
    try {
      await move.mutateAsync({ technician, groupId: target.id });
      notifications.show({
        color: 'teal',
        title: t('move.done.title'),
        message: t('move.done.message', { name: technician.name, group: target.label }),
      });
      setTarget(null);
    } catch (failure) {
      setMessage(problemMessage(failure, t));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <FormAlert message={message} />
        <Group align="end" wrap="wrap">
          <GroupPicker
            label={t('move.label')}
            placeholder={t('move.placeholder')}
            exclude={[technician.groupId]}
            value={target?.id ?? null}
            onChange={(value, option) =>
              setTarget(value && option ? { id: value, label: option.label } : null)
            }
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button type="submit" disabled={!target} loading={move.isPending}>
            {t('move.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
