import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from './FormAlert';
import { problemMessage } from './problem';

/**
 * A question before something that cannot be undone (disable, revoke): confirming runs
 * `action`; success is announced with `done` and closes the dialog, a refusal is told inside
 * it in words. Texts come translated from the caller.
 */
export function ConfirmModal({
  opened,
  onClose,
  action,
  pending,
  texts,
}: {
  opened: boolean;
  onClose: () => void;
  action: () => Promise<unknown>;
  pending: boolean;
  texts: {
    title: string;
    question: string;
    confirm: string;
    cancel: string;
    close: string;
    done: string;
  };
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string>();

  const close = () => {
    setMessage(undefined);
    onClose();
  };
  const confirm = async () => {
    setMessage(undefined);
    try {
      await action();
      notifications.show({
        color: 'teal',
        message: texts.done,
        closeButtonProps: { 'aria-label': texts.close },
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
      title={texts.title}
      closeButtonProps={{ 'aria-label': texts.close }}
    >
      <Stack>
        <FormAlert message={message} />
        <Text>{texts.question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {texts.cancel}
          </Button>
          <Button color="red" loading={pending} onClick={() => void confirm()}>
            {texts.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
