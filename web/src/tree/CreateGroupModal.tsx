import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateGroup, type Group as CreatedGroup, type GroupNode } from '../api/groups';
import { FormAlert } from '../ui/FormAlert';
import { groupFieldRules, groupFormProblem } from './group-form';

/** Create group (top level, Master Administrators) or Create sub-group (under `parent`). */
export function CreateGroupModal({
  opened,
  parent,
  onClose,
  onCreated,
}: {
  opened: boolean;
  parent?: GroupNode;
  onClose: () => void;
  onCreated: (group: CreatedGroup) => void;
}) {
  const { t } = useTranslation('tree');
  const create = useCreateGroup();
  const form = useForm({
    initialValues: { name: '', description: '' },
    validate: groupFieldRules(t),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit(({ name, description }) => {
    create.mutate(
      {
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(parent ? { parentId: parent.id } : {}),
      },
      {
        onSuccess: (group) => {
          form.reset();
          create.reset();
          onCreated(group);
        },
        onError: (error) => form.setErrors(groupFormProblem(error, t).fields),
      },
    );
  });

  const topMessage = create.error ? groupFormProblem(create.error, t).message : undefined;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={parent ? t('createSubGroup.title', { name: parent.name }) : t('createGroup.title')}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={topMessage} />
          <TextInput
            label={t('form.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Textarea
            label={t('form.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
