import { Button, Group, Modal } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A form in a modal dialog of the Global Settings. The form inside is given a new `key` each
 * time the dialog opens, so that it starts empty.
 */
export function FormModal({
  opened,
  onClose,
  title,
  closeLabel,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  closeLabel: string;
  children: ReactNode;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={title}
      closeButtonProps={{ 'aria-label': closeLabel }}
    >
      {children}
    </Modal>
  );
}

/** A form's Cancel and Save, at its end. */
export function FormActions({
  cancelLabel,
  saveLabel,
  saving,
  onCancel,
}: {
  cancelLabel: string;
  saveLabel: string;
  saving: boolean;
  onCancel: () => void;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type="submit" loading={saving}>
        {saveLabel}
      </Button>
    </Group>
  );
}
