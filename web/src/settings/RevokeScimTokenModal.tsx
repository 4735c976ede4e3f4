import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../ui/FormAlert';
import { problemMessage } from '../ui/problem';
import { useRevokeScimToken, type ScimToken } from '../api/scim-tokens';

/** Revoke a SCIM token, after a confirmation: the directory is refused from then on. */
export function RevokeScimTokenModal({
  opened,
  token,
  onClose,
}: {
  opened: boolean;
  token?: ScimToken;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const revoke = useRevokeScimToken();
  const [message, setMessage] = useState<string>();

  const close = () => {
    setMessage(undefined);
    onClose();
  };
  const confirm = async () => {
    if (!token) return;
    setMessage(undefined);
    try {
      await revoke.mutateAsync(token.id);
      notifications.show({
        color: 'teal',
        message: t('scim.revoked', { name: token.name }),
        closeButtonProps: { 'aria-label': t('scim.form.close') },
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
      title={t('scim.revokeTitle')}
      closeButtonProps={{ 'aria-label': t('scim.form.close') }}
    >
      <Stack>
        <FormAlert message={message} />
        <Text>{t('scim.revokeQuestion', { name: token?.name ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('scim.form.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => void confirm()}>
            {t('scim.revokeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
