import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useGroup, useUpdateGroup, type GroupNode, type Permission } from '../api/groups';
import { usePermissions } from '../api/permissions';
import { AuditHistory } from '../audit/AuditHistory';
import { ErrorState } from '../ui/ErrorState';
import { FormAlert } from '../ui/FormAlert';
import { usePageTitle } from '../ui/usePageTitle';
import { CreateGroupModal } from './CreateGroupModal';
import { groupFieldRules, groupFormProblem } from './group-form';
import { DeleteGroupModal } from './DeleteGroupModal';
import { GroupTechniciansTable } from './GroupTechniciansTable';
import { useTreeContext } from './tree-context';

/** /groups/:groupId: the selected group, or words when it is not (or no longer) visible. */
export function GroupPanelRoute() {
  const { t } = useTranslation('tree');
  const { groupId = '' } = useParams();
  const { byId } = useTreeContext();
  const onTree = byId.get(groupId);
  // A group whose level the tree has not read yet (a link, a reload) is asked for on its own.
  const own = useGroup(groupId, { enabled: !onTree, retry: false });
  const group = onTree ?? (own.data ? { ...own.data, children: [] } : undefined);
  if (!group && own.isPending) return null;
  if (!group) {
    return (
      <Alert color="red" role="alert" title={t('panel.notFoundTitle')}>
        {t('panel.notFound')}{' '}
        <Anchor component={Link} to="/" c="inherit" underline="always">
          {t('panel.backToTree')}
        </Anchor>
      </Alert>
    );
  }
  return <GroupPanel key={group.id} group={group} />;
}

function GroupPanel({ group }: { group: GroupNode }) {
  const { t } = useTranslation('tree');
  usePageTitle(`${group.name} · ${t('title')}`);
  const navigate = useNavigate();
  const { byId, expand } = useTreeContext();
  const permissions = usePermissions();
  const update = useUpdateGroup(group.id);
  const [saved, setSaved] = useState(false);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const form = useForm<{ name: string; description: string; permissions: string[] }>({
    initialValues: {
      name: group.name,
      description: group.description,
      permissions: group.permissions,
    },
    validate: groupFieldRules(t),
    onValuesChange: () => setSaved(false),
  });

  const submit = form.onSubmit((values) => {
    setSaved(false);
    update.mutate(
      {
        name: values.name.trim(),
        description: values.description,
        permissions: values.permissions as Permission[],
      },
      {
        onSuccess: (answer) => {
          form.setInitialValues({
            name: answer.name,
            description: answer.description,
            permissions: answer.permissions,
          });
          form.setValues({
            name: answer.name,
            description: answer.description,
            permissions: answer.permissions,
          });
          form.resetDirty();
          setSaved(true);
        },
        onError: (error) => form.setErrors(groupFormProblem(error, t).fields),
      },
    );
  });

  const topMessage = update.error ? groupFormProblem(update.error, t).message : undefined;
  const parent = group.parentId ? byId.get(group.parentId) : undefined;

  return (
    <Stack component="section" aria-labelledby="group-panel-title" gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} id="group-panel-title">
              {group.name}
            </Title>
            <Text size="sm" c="dimmed">
              {parent ? t('panel.inParent', { name: parent.name }) : t('panel.topLevel')} ·{' '}
              {t('row.technicianCount', { count: group.technicianCount })}
            </Text>
          </div>
          <Group gap="xs">
            <Button variant="light" onClick={() => setCreating(true)}>
              {t('createSubGroup.open')}
            </Button>
            <Button variant="light" color="red" onClick={() => setDeleting(true)}>
              {t('delete.open')}
            </Button>
          </Group>
        </Group>

        <form onSubmit={submit} noValidate aria-labelledby="group-panel-title">
          <Stack mt="md">
            <FormAlert message={topMessage} />
            <TextInput label={t('form.name')} required {...form.getInputProps('name')} />
            <Textarea
              label={t('form.description')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('description')}
            />
            {permissions.isError ? (
              <ErrorState error={permissions.error} onRetry={() => void permissions.refetch()} />
            ) : (
              <Checkbox.Group
                label={t('form.permissions')}
                description={t('form.permissionsHint')}
                {...form.getInputProps('permissions')}
              >
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt="xs">
                  {(permissions.data ?? []).map((permission) => (
                    <Checkbox
                      key={permission}
                      value={permission}
                      label={t(`common:permissionNames.${permission}`, {
                        defaultValue: permission,
                      })}
                    />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('form.save')}
              </Button>
              <Text role="status" size="sm" c="teal.9">
                {saved ? t('form.saved') : ''}
              </Text>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('technicians.title')}</Title>
          <Button component={Link} to={`/groups/${group.id}/technicians/new`}>
            {t('technicians.create')}
          </Button>
        </Group>
        <GroupTechniciansTable groupId={group.id} groupName={group.name} />
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="group-history-title">
        <Title order={3} id="group-history-title" mb="sm">
          {t('history.title')}
        </Title>
        <AuditHistory targetId={group.id} label={t('history.label', { name: group.name })} />
      </Paper>

      <CreateGroupModal
        opened={creating}
        parent={group}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          expand(group.id);
          void navigate(`/groups/${created.id}`);
        }}
      />
      <DeleteGroupModal
        opened={deleting}
        group={group}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          void navigate(parent ? `/groups/${parent.id}` : '/');
        }}
      />
    </Stack>
  );
}
