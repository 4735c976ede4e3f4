import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeleteGroup, type GroupNode } from '../api/groups';
import { problemMessage } from '../ui/problem';

/** Delete group, after a confirmation; a group that is not empty is refused in words. */
export function DeleteGroupModal({
  opened,
  group,
  onClose,
  onDeleted,
}: {
  opened: boolean;
  group: GroupNode;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('tree');
  const remove = useDeleteGroup();
  const close = () => {
    remove.reset();
    onClose();
  };
  const notEmpty =
    remove.error && 'code' in remove.error && remove.error.code === 'GROUP_NOT_EMPTY';
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('delete.title', { name: group.name })}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Stack>
        {remove.error ? (
          <Alert color="red" role="alert" title={t('delete.refused')}>
            {notEmpty ? t('delete.notEmpty') : problemMessage(remove.error, t)}
          </Alert>
        ) : (
          <Text>{t('delete.confirm', { name: group.name })}</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {remove.error ? t('close') : t('cancel')}
          </Button>
          {!remove.error && (
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(group.id, { onSuccess: onDeleted })}
            >
              {t('delete.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
