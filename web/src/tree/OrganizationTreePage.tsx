import { Alert, Box, Button, Center, Flex, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate, useParams } from 'react-router';
import { useAncestors, type GroupNode } from '../api/groups';
import { queryKeys } from '../api/query-keys';
import { useMoveTechnician } from '../api/technicians';
import { useCurrentAdmin } from '../auth/guards';
import { ErrorState } from '../ui/ErrorState';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { CreateGroupModal } from './CreateGroupModal';
import { GroupTree } from './GroupTree';
import type { TreeContext } from './tree-context';
import { ancestorsOf, groupKey, visibleRows, type TechnicianLeaf, type TreeRow } from './tree-rows';
import { useExpandedGroups } from './use-expanded-groups';
import { useTreeLevels } from './use-tree-levels';
import { useTreeTechnicians } from './use-tree-technicians';

/**
 * The home page: the Organization Tree on the left (groups nested to any depth, each with
 * its technicians when opened), and the selected group on the right (the outlet).
 */
export function OrganizationTreePage() {
  const { t } = useTranslation('tree');
  usePageTitle(t('title'));
  const me = useCurrentAdmin();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { groupId } = useParams();
  const { expanded, expand, toggle } = useExpandedGroups();
  const { top, groups, byId, levelState } = useTreeLevels(expanded);
  /** Per open group, the cursors of the pages after the first that "Show more" asked for. */
  const [morePages, setMorePages] = useState<Record<string, string[]>>({});
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const move = useMoveTechnician();

  // The groups above the selected one are opened, so that it shows: from the levels read,
  // or, for a group not read yet (a link), asked up its parents.
  const onTree = groupId ? ancestorsOf(groups, groupId) : undefined;
  const ancestors = useAncestors(groupId, !!groupId && !top.isPending && !onTree);
  const above = onTree ?? ancestors.data;
  useEffect(() => {
    if (above) expand(...above);
  }, [above?.join()]);

  // Only the open groups that have technicians load them, a page at a time.
  const cursors = useMemo(() => {
    const pages: Record<string, (string | null)[]> = {};
    for (const id of expanded) {
      if ((byId.get(id)?.technicianCount ?? 0) > 0) pages[id] = [null, ...(morePages[id] ?? [])];
    }
    return pages;
  }, [expanded, byId, morePages]);
  const technicians = useTreeTechnicians(cursors);
  const rows = visibleRows(groups, expanded, (id) => technicians.get(id), levelState);

  const onActivate = (row: TreeRow) => {
    switch (row.kind) {
      case 'group':
        void navigate(`/groups/${row.group.id}`);
        break;
      case 'technician':
        void navigate(`/technicians/${row.technician.id}`);
        break;
      case 'more': {
        const next = technicians.get(row.groupId)?.nextCursor;
        if (next) {
          setMorePages((pages) => ({
            ...pages,
            [row.groupId]: [...(pages[row.groupId] ?? []), next],
          }));
        }
        break;
      }
      case 'status':
        if (row.state === 'failed') {
          void queryClient.refetchQueries({
            queryKey:
              row.of === 'groups'
                ? queryKeys.groupLevel(row.groupId)
                : queryKeys.groupTechnicians(row.groupId),
          });
        }
        break;
    }
  };

  const onMove = (technician: TechnicianLeaf, to: GroupNode) => {
    setFailure(undefined);
    setStatus(t('move.moving', { name: technician.name, group: to.name }));
    move.mutate(
      { technician, groupId: to.id },
      {
        onSuccess: () => {
          // Both lists start again from their first page; the new group opens to show it.
          setMorePages(({ [technician.groupId]: _from, [to.id]: _to, ...rest }) => rest);
          expand(to.id);
          setStatus(t('move.done', { name: technician.name, group: to.name }));
        },
        onError: (error) => {
          setStatus('');
          setFailure(
            t('move.failed', {
              name: technician.name,
              group: to.name,
              reason: problemMessage(error, t),
            }),
          );
        },
      },
    );
  };

  const isMaster = me.role === 'master_admin';
  const context: TreeContext = { groups, byId, expand };

  return (
    <Flex gap="md" align="flex-start" direction={{ base: 'column', md: 'row' }}>
      <Paper
        withBorder
        p="sm"
        w={{ base: '100%', md: 380 }}
        style={{ flexShrink: 0 }}
        component="section"
        aria-labelledby="organization-tree-title"
      >
        {/* Wraps rather than squeezes: "Gruppe erstellen" beside "Organisationsbaum" does not fit. */}
        <Group justify="space-between" mb="xs" gap="xs">
          <Title order={1} size="h3" id="organization-tree-title">
            {t('title')}
          </Title>
          {isMaster && (
            <Button
              size="xs"
              variant="light"
              style={{ flexShrink: 0 }}
              onClick={() => setCreating(true)}
            >
              {t('createGroup.open')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t('hint')}
        </Text>
        {failure && (
          <Alert
            color="red"
            role="alert"
            mb="xs"
            withCloseButton
            closeButtonLabel={t('close')}
            onClose={() => setFailure(undefined)}
          >
            {failure}
          </Alert>
        )}
        <Box role="status" aria-live="polite" mb={status ? 'xs' : 0}>
          {status && (
            <Text size="sm" c="teal.9">
              {status}
            </Text>
          )}
        </Box>
        {top.isPending ? (
          <Center p="xl">
            <Loader role="progressbar" aria-label={t('loading')} />
          </Center>
        ) : top.isError ? (
          <ErrorState error={top.error} onRetry={() => void top.refetch()} />
        ) : groups.length === 0 ? (
          <Text c="dimmed" p="md">
            {isMaster ? t('empty.master') : t('empty.admin')}
          </Text>
        ) : (
          <GroupTree
            rows={rows}
            selectedKey={groupId ? groupKey(groupId) : undefined}
            label={t('treeLabel')}
            onToggle={toggle}
            onActivate={onActivate}
            onCreateTechnician={(group) => void navigate(`/groups/${group.id}/technicians/new`)}
            onMove={onMove}
            onStatus={(message) => {
              setFailure(undefined);
              setStatus(message);
            }}
          />
        )}
      </Paper>
      <Box style={{ flex: 1, minWidth: 0 }} w="100%">
        <Outlet context={context} />
      </Box>
      <CreateGroupModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(group) => {
          setCreating(false);
          void navigate(`/groups/${group.id}`);
        }}
      />
    </Flex>
  );
}
