import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert } from '../ui/FormAlert';
import { problemMessage } from '../ui/problem';
import { useDeleteTechnician, type Technician } from '../api/technicians';

/** Delete, after a confirm dialog; then back to the technician's group on the tree. */
export function DeleteTechnician({ technician }: { technician: Technician }) {
  const { t } = useTranslation('technicians');
  const navigate = useNavigate();
  const remove = useDeleteTechnician(technician.id);
  const [opened, { open, close }] = useDisclosure(false);
  const [message, setMessage] = useState<string>();

  const confirm = async () => {
    setMessage(undefined);
    try {
      await remove.mutateAsync();
      close();
      notifications.show({
        color: 'teal',
        title: t('delete.done.title'),
        message: t('delete.done.message', { name: technician.name }),
      });
      await navigate(`/groups/${technician.groupId}`);
    } catch (failure) {
      setMessage(problemMessage(failure, t));
    }
  };

  return (
    <>
      <Button color="red" variant="outline" onClick={open}>
        {t('delete.action')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('delete.title')} centered>
        <Stack>
          <FormAlert message={message} />
          <Text>{t('delete.question', { name: technician.name, email: technician.email })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => void confirm()}>
              {t('delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
