import { Anchor, Button, Group, Loader, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useGroup } from '../api/groups';
import { IdempotencyKeys } from '../api/idempotency';
import { usePasswordPolicy } from '../api/settings';
import { useCreateTechnician } from '../api/technicians';
import { ErrorState } from '../ui/ErrorState';
import { FormAlert } from '../ui/FormAlert';
import { PasswordRules } from '../ui/PasswordRules';
import { usePageTitle } from '../ui/usePageTitle';
import { createBody, EMPTY_VALUES, type CreateValues, formErrors } from './technician-form';
import { TechnicianFields, toFormErrors, validateTechnician } from './TechnicianFields';

/**
 * Create technician, in the Technician Group of the address. On success: a notification,
 * and back to that group on the Organization Tree, where the new technician is listed (the
 * tree is where an administrator goes on from; its Configuration page is one click away).
 */
export function CreateTechnicianPage() {
  const { groupId = '' } = useParams();
  const { t } = useTranslation('technicians');
  const group = useGroup(groupId);
  const title = group.data ? t('create.title', { group: group.data.name }) : t('create.action');
  usePageTitle(title);

  if (group.isPending) return <Loader role="progressbar" aria-label={t('loading')} />;
  if (group.isError) {
    return (
      <Stack>
        <Title order={1}>{t('create.action')}</Title>
        <ErrorState error={group.error} onRetry={() => void group.refetch()} />
      </Stack>
    );
  }
  return <CreateTechnicianForm groupId={groupId} title={title} />;
}

function CreateTechnicianForm({ groupId, title }: { groupId: string; title: string }) {
  const { t } = useTranslation('technicians');
  const navigate = useNavigate();
  const policy = usePasswordPolicy();
  const create = useCreateTechnician(groupId);
  const keys = useRef<IdempotencyKeys>(null);
  keys.current ??= new IdempotencyKeys();
  const [message, setMessage] = useState<string>();
  const form = useForm<CreateValues>({
    initialValues: EMPTY_VALUES,
    validate: (values) => validateTechnician(values, t, true),
  });

  const submit = form.onSubmit(
    async (values) => {
      if (create.isPending) return; // a double submit sends nothing more
      setMessage(undefined);
      const body = createBody(values);
      const idempotencyKey = keys.current!.for(body);
      try {
        const technician = await create.mutateAsync({ body, idempotencyKey });
        notifications.show({
          color: 'teal',
          title: t('create.created.title'),
          message: t('create.created.message', { name: technician.name }),
        });
        await navigate(`/groups/${groupId}`);
      } catch (failure) {
        keys.current!.failed(failure);
        const errors = formErrors(failure, t);
        form.setErrors(toFormErrors(errors));
        setMessage(errors.message ?? t('notSaved'));
      }
    },
    () => setMessage(t('notSaved')),
  );

  return (
    <Stack maw={640}>
      <Title order={1}>{title}</Title>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormAlert message={message} />
            <TechnicianFields
              form={form}
              passwordSlot={
                <Stack gap="xs">
                  <PasswordInput
                    label={t('fields.newPassword')}
                    required
                    autoComplete="new-password"
                    {...form.getInputProps('password')}
                  />
                  {policy.data && (
                    <PasswordRules password={form.values.password} policy={policy.data} />
                  )}
                </Stack>
              }
            />
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('actions.save')}
              </Button>
              <Anchor component={Link} to={`/groups/${groupId}`}>
                {t('actions.cancel')}
              </Anchor>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
