import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupPicker } from '../groups/GroupPicker';
import { FormAlert } from '../ui/FormAlert';
import { FormActions, FormModal } from '../ui/FormModal';
import { showProblemOnForm } from '../ui/problem';
import { useCreateScimToken, type CreatedScimToken } from '../api/scim-tokens';

/** The base URL a directory is given (Entra ID's "Tenant URL"). */
export function scimBaseUrl(): string {
  return `${window.location.origin}/scim/v2`;
}

/** Create SCIM token, in a modal dialog; the new token is shown once, with a copy button. */
export function ScimTokenFormModal({
  opened,
  formKey,
  onClose,
}: {
  opened: boolean;
  formKey: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('scim.form.title')}
      closeLabel={t('scim.form.close')}
    >
      <ScimTokenForm key={formKey} onDone={onClose} />
    </FormModal>
  );
}

const FIELDS = ['name', 'groupId'] as const;

function ScimTokenForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('settings');
  const create = useCreateScimToken();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<CreatedScimToken>();
  const form = useForm({
    initialValues: { name: '', groupId: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('scim.form.errors.name')),
      groupId: (value) => (value ? null : t('scim.form.errors.group')),
    },
  });

  if (created) return <CreatedToken token={created.token} onDone={onDone} />;

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      setCreated(await create.mutateAsync({ name: values.name.trim(), groupId: values.groupId }));
    } catch (failure) {
      showProblemOnForm(failure, t, { form, fields: FIELDS, setTopMessage: setError });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={error} />
        <TextInput
          label={t('scim.form.name')}
          description={t('scim.form.nameHelp')}
          required
          maxLength={128}
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <GroupPicker
          label={t('scim.form.group')}
          description={t('scim.form.groupHelp')}
          required
          {...form.getInputProps('groupId')}
        />
        <FormActions
          cancelLabel={t('scim.form.cancel')}
          saveLabel={t('scim.form.save')}
          saving={create.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

function CreatedToken({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation('settings');
  return (
    <Stack>
      <Alert color="red" role="status" title={t('scim.created.title')}>
        {t('scim.created.once')}
      </Alert>
      <Text size="sm" fw={600} id="scim-token-label">
        {t('scim.created.token')}
      </Text>
      <Code block aria-labelledby="scim-token-label" style={{ wordBreak: 'break-all' }}>
        {token}
      </Code>
      <Text size="sm">{t('scim.created.baseUrl', { url: scimBaseUrl() })}</Text>
      <Group justify="flex-end">
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
              {copied ? t('scim.created.copied') : t('scim.created.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('scim.created.done')}</Button>
      </Group>
    </Stack>
  );
}
