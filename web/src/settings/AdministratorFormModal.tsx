import { PasswordInput, Radio, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCreateAdministrator,
  useUpdateAdministrator,
  type Administrator,
} from '../api/administrators';
import { IdempotencyKeys } from '../api/idempotency';
import { usePasswordPolicy } from '../api/settings';
import { GroupMultiPicker } from '../groups/GroupMultiPicker';
import { FormAlert } from '../ui/FormAlert';
import { FormActions, FormModal } from '../ui/FormModal';
import { PasswordRules } from '../ui/PasswordRules';
import { showProblemOnForm } from '../ui/problem';
import {
  administratorToForm,
  emptyAdministratorForm,
  isLastMasterRefusal,
  ROLES,
  toCreateBody,
  toUpdateBody,
  validateAdministratorForm,
  type AdministratorFormValues,
} from './administrator-form';

/** Create administrator (no `administrator`) or edit one, in a modal dialog. */
export function AdministratorFormModal({
  opened,
  administrator,
  formKey,
  onClose,
}: {
  opened: boolean;
  administrator?: Administrator;
  formKey: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      closeLabel={t('administrators.form.close')}
      title={
        administrator
          ? `${t('administrators.form.editTitle')}: ${administrator.name}`
          : t('administrators.form.createTitle')
      }
    >
      <AdministratorForm key={formKey} administrator={administrator} onDone={onClose} />
    </FormModal>
  );
}

/** The fields a refusal of the API can land on. */
const FIELDS = ['name', 'email', 'ssoId', 'password', 'role', 'groupIds', 'enabled'] as const;

function AdministratorForm({
  administrator,
  onDone,
}: {
  administrator?: Administrator;
  onDone: () => void;
}) {
  const { t } = useTranslation('settings');
  const mode = administrator ? 'edit' : 'create';
  const policy = usePasswordPolicy();
  const create = useCreateAdministrator();
  const update = useUpdateAdministrator();
  const idempotencyKeys = useRef(new IdempotencyKeys());
  const [error, setError] = useState<string>();
  const form = useForm<AdministratorFormValues>({
    initialValues: administrator ? administratorToForm(administrator) : emptyAdministratorForm(),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(validateAdministratorForm(values, mode)).map(([field, key]) => [
          field,
          t(`administrators.form.errors.${key}`),
        ]),
      ),
  });

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      if (administrator) {
        const saved = await update.mutateAsync({
          id: administrator.id,
          body: toUpdateBody(administrator, values),
        });
        notifications.show({
          color: 'teal',
          message: t('administrators.updated', { name: saved.name }),
        });
      } else {
        const body = toCreateBody(values);
        const saved = await create.mutateAsync({
          body,
          idempotencyKey: idempotencyKeys.current.for(body),
        });
        notifications.show({
          color: 'teal',
          message: t('administrators.created', { name: saved.name }),
        });
      }
      onDone();
    } catch (failure) {
      idempotencyKeys.current.failed(failure);
      if (isLastMasterRefusal(failure)) {
        setError(t('administrators.lastMaster'));
        return;
      }
      showProblemOnForm(failure, t, { form, fields: FIELDS, setTopMessage: setError });
    }
  });

  const passwordHelpId = `administrator-password-rules-${mode}`;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={error} />
        <TextInput
          label={t('administrators.form.name')}
          required
          maxLength={128}
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('administrators.form.email')}
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('administrators.form.ssoId')}
          description={t('administrators.form.ssoIdHelp')}
          maxLength={128}
          autoComplete="off"
          {...form.getInputProps('ssoId')}
        />
        <PasswordInput
          label={t(
            administrator ? 'administrators.form.newPassword' : 'administrators.form.password',
          )}
          description={administrator ? t('administrators.form.newPasswordHelp') : undefined}
          required={!administrator}
          autoComplete="new-password"
          aria-describedby={policy.data ? passwordHelpId : undefined}
          {...form.getInputProps('password')}
        />
        {policy.data && (!administrator || form.values.password) && (
          <PasswordRules id={passwordHelpId} password={form.values.password} policy={policy.data} />
        )}
        <Radio.Group label={t('administrators.form.role')} {...form.getInputProps('role')}>
          <Stack gap="xs" mt="xs">
            {ROLES.map((role) => (
              <Radio
                key={role}
                value={role}
                label={t(`administrators.roles.${role}`)}
                description={t(`administrators.form.roleHelp.${role}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        {form.values.role === 'admin' && (
          <GroupMultiPicker
            label={t('administrators.form.groups')}
            description={t('administrators.form.groupsHelp')}
            required
            nothingFoundMessage={t('administrators.form.groupsNothingFound')}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('groupIds')}
          />
        )}
        {administrator && (
          <Switch
            label={t('administrators.form.enabled')}
            description={t('administrators.form.enabledHelp')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
        )}
        <FormActions
          cancelLabel={t('administrators.form.cancel')}
          saveLabel={t('administrators.form.save')}
          saving={create.isPending || update.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
