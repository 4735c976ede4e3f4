import { Checkbox, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../ui/FormAlert';
import { FormActions, FormModal } from '../ui/FormModal';
import { showProblemOnForm } from '../ui/problem';
import { useCreateServicePrincipal } from '../api/service-principals';
import {
  emptyServicePrincipalForm,
  scopeKey,
  SERVICE_SCOPES,
  toCreateBody,
  validateServicePrincipalForm,
  type ServicePrincipalFormValues,
} from './service-principal-form';

/** Create service principal, in a modal dialog. */
export function ServicePrincipalFormModal({
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
      title={t('principals.form.title')}
      closeLabel={t('principals.form.close')}
    >
      <ServicePrincipalForm key={formKey} onDone={onClose} />
    </FormModal>
  );
}

const FIELDS = ['name', 'scopes', 'publicKey'] as const;

function ServicePrincipalForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('settings');
  const create = useCreateServicePrincipal();
  const [error, setError] = useState<string>();
  const form = useForm<ServicePrincipalFormValues>({
    initialValues: emptyServicePrincipalForm(),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(validateServicePrincipalForm(values)).map(([field, key]) => [
          field,
          t(`principals.form.errors.${key}`),
        ]),
      ),
  });

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const saved = await create.mutateAsync(toCreateBody(values));
      notifications.show({
        color: 'teal',
        message: t('principals.created', { name: saved.name }),
        closeButtonProps: { 'aria-label': t('principals.form.close') },
      });
      onDone();
    } catch (failure) {
      showProblemOnForm(failure, t, { form, fields: FIELDS, setTopMessage: setError });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={error} />
        <TextInput
          label={t('principals.form.name')}
          description={t('principals.form.nameHelp')}
          required
          maxLength={128}
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Checkbox.Group
          label={t('principals.form.scopes')}
          description={t('principals.form.scopesHelp')}
          required
          {...form.getInputProps('scopes')}
        >
          <Stack gap="xs" mt="xs">
            {SERVICE_SCOPES.map((scope) => (
              <Checkbox
                key={scope}
                value={scope}
                label={t(`principals.scopes.${scopeKey(scope)}`)}
                description={t(`principals.scopeHelp.${scopeKey(scope)}`)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput
          label={t('principals.form.publicKey')}
          description={t('principals.form.publicKeyHelp')}
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          styles={{ input: { fontFamily: 'monospace' } }}
          {...form.getInputProps('publicKey')}
        />
        <FormActions
          cancelLabel={t('principals.form.cancel')}
          saveLabel={t('principals.form.save')}
          saving={create.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
