import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../api/client';
import { AuditHistory } from '../audit/AuditHistory';
import { useGroup } from '../api/groups';
import { useTechnician, useUpdateTechnician, type Technician } from '../api/technicians';
import { ErrorState } from '../ui/ErrorState';
import { FormAlert } from '../ui/FormAlert';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { DeleteTechnician } from './DeleteTechnician';
import { InheritedPermissions } from './InheritedPermissions';
import { MoveTechnician } from './MoveTechnician';
import { PasswordReset } from './PasswordReset';
import { updateBody, valuesOf, type TechnicianValues, formErrors } from './technician-form';
import { TechnicianFields, toFormErrors, validateTechnician } from './TechnicianFields';

/** A technician's Configuration page (/technicians/:technicianId). */
export function TechnicianPage() {
  const { technicianId = '' } = useParams();
  const { t } = useTranslation('technicians');
  const technician = useTechnician(technicianId);
  usePageTitle(technician.data?.name ?? t('page.title'));

  if (technician.isPending) return <Loader role="progressbar" aria-label={t('loading')} />;
  if (technician.isError) return <TechnicianUnavailable error={technician.error} />;
  // Keyed by id: another technician's page starts with that technician's values.
  return <TechnicianConfiguration key={technician.data.id} technician={technician.data} />;
}

/**
 * Why a technician cannot be shown: not found (also an address that is no technician id),
 * outside the caller's groups, or a failure to load.
 */
function TechnicianUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation('technicians');
  const status = error instanceof ApiProblem ? error.status : undefined;
  const code = error instanceof ApiProblem ? error.code : undefined;
  if (status === 404 || (status === 400 && code === 'VALIDATION_FAILED')) {
    return (
      <Stack>
        <Title order={1}>{t('page.notFound.title')}</Title>
        <Text>{t('page.notFound.text')}</Text>
        <Anchor component={Link} to="/">
          {t('page.backToTree')}
        </Anchor>
      </Stack>
    );
  }
  if (code === 'FORBIDDEN_GROUP' || status === 403) {
    return (
      <Stack>
        <Title order={1}>{t('page.forbidden.title')}</Title>
        <Alert color="orange" role="alert">
          {t('page.forbidden.text')}
        </Alert>
        <Anchor component={Link} to="/">
          {t('page.backToTree')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={1}>{t('page.title')}</Title>
      <ErrorState error={error} />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function TechnicianConfiguration({ technician }: { technician: Technician }) {
  const { t } = useTranslation('technicians');
  const group = useGroup(technician.groupId);
  const form = useForm<TechnicianValues>({
    initialValues: valuesOf(technician),
    validate: (values) => validateTechnician(values, t, false),
  });

  return (
    <Stack>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{technician.name}</Title>
          <Badge color={technician.enabled ? 'teal.9' : 'gray.7'}>
            {technician.enabled ? t('status.enabled') : t('status.disabled')}
          </Badge>
        </Group>
        <Text>
          {technician.email} · {t('page.inGroup')}{' '}
          <Anchor component={Link} to={`/groups/${technician.groupId}`} underline="always">
            {group.data?.name ?? t('permissions.thisGroup')}
          </Anchor>
        </Text>
      </Stack>
      <Group>
        <EnableToggle technician={technician} form={form} />
        <DeleteTechnician technician={technician} />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title={t('page.configuration')}>
          <ConfigurationForm technician={technician} form={form} />
        </Section>
        <Stack>
          <Section title={t('permissions.title')}>
            <InheritedPermissions technician={technician} groupName={group.data?.name} />
          </Section>
          <Section title={t('move.title')}>
            <MoveTechnician technician={technician} />
          </Section>
          <Section title={t('password.title')}>
            <PasswordReset technician={technician} />
          </Section>
        </Stack>
      </SimpleGrid>
      <Section title={t('history.title')}>
        <AuditHistory
          targetId={technician.id}
          label={t('history.label', { name: technician.name })}
        />
      </Section>
    </Stack>
  );
}

/** A part of the page that edits the technician through the page's form. */
interface TechnicianFormProps {
  technician: Technician;
  form: UseFormReturnType<TechnicianValues>;
}

/** The same fields as on create (no password: that is its own form); saves what changed. */
function ConfigurationForm({ technician, form }: TechnicianFormProps) {
  const { t } = useTranslation('technicians');
  const update = useUpdateTechnician(technician.id);
  const [message, setMessage] = useState<string>();

  const submit = form.onSubmit(
    async (values) => {
      setMessage(undefined);
      const body = updateBody(values, technician);
      if (Object.keys(body).length === 0) {
        notifications.show({ title: t('page.nothingChanged'), message: technician.name });
        return;
      }
      try {
        const updated = await update.mutateAsync(body);
        form.setValues(valuesOf(updated));
        form.resetDirty(valuesOf(updated));
        notifications.show({
          color: 'teal',
          title: t('page.saved.title'),
          message: t('page.saved.message', { name: updated.name }),
        });
      } catch (failure) {
        const errors = formErrors(failure, t);
        form.setErrors(toFormErrors(errors));
        setMessage(errors.message ?? t('notSaved'));
      }
    },
    () => setMessage(t('notSaved')),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={message} />
        <TechnicianFields form={form} />
        <div>
          <Button type="submit" loading={update.isPending}>
            {t('actions.save')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/**
 * Disable (a disabled technician cannot sign in) or enable at once, without touching other
 * edits in progress: only `enabled` is sent, and only that field of the form follows.
 */
function EnableToggle({ technician, form }: TechnicianFormProps) {
  const { t } = useTranslation('technicians');
  const update = useUpdateTechnician(technician.id);
  const enable = !technician.enabled;
  const toggle = async () => {
    try {
      const updated = await update.mutateAsync({ enabled: enable });
      form.setFieldValue('enabled', updated.enabled);
      notifications.show({
        color: 'teal',
        title: updated.enabled ? t('status.enabledDone') : t('status.disabledDone'),
        message: updated.name,
      });
    } catch (failure) {
      notifications.show({
        color: 'red',
        title: t('notSaved'),
        message: problemMessage(failure, t),
      });
    }
  };
  return (
    <Button variant="default" loading={update.isPending} onClick={() => void toggle()}>
      {enable ? t('status.enable') : t('status.disable')}
    </Button>
  );
}
