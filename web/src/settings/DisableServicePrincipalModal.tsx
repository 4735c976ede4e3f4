import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../ui/FormAlert';
import { problemMessage } from '../ui/problem';
import { useDisableServicePrincipal, type ServicePrincipal } from '../api/service-principals';

/** Disable a service principal, after a confirmation: its messages are refused from then on. */
export function DisableServicePrincipalModal({
  opened,
  principal,
  onClose,
}: {
  opened: boolean;
  principal?: ServicePrincipal;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const disable = useDisableServicePrincipal();
  const [message, setMessage] = useState<string>();

  const close = () => {
    setMessage(undefined);
    onClose();
  };
  const confirm = async () => {
    if (!principal) return;
    setMessage(undefined);
    try {
      await disable.mutateAsync(principal.id);
      notifications.show({
        color: 'teal',
        message: t('principals.disabled', { name: principal.name }),
        closeButtonProps: { 'aria-label': t('principals.form.close') },
      });
      close();
    } catch (failure) {
      setMessage(problemMessage(failure, t));
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      centered
      title={t('principals.disableTitle')}
      closeButtonProps={{ 'aria-label': t('principals.form.close') }}
    >
      <Stack>
        <FormAlert message={message} />
        <Text>{t('principals.disableQuestion', { name: principal?.name ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('principals.form.cancel')}
          </Button>
          <Button color="red" loading={disable.isPending} onClick={() => void confirm()}>
            {t('principals.disableConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
