import { Alert, Box, Button, Center, Flex, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate, useOutletContext, useParams } from 'react-router';
import { queryKeys } from '../api/query-keys';
import { useCurrentAdmin } from '../auth/guards';
import { useGroupTree, type GroupNode } from '../groups/api';
import { ErrorState } from '../ui/ErrorState';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { useMoveTechnician, useTreeTechnicians } from './api';
import { CreateGroupModal } from './CreateGroupModal';
import { GroupTree } from './GroupTree';
import { ancestorsOf, groupKey, visibleRows, type TechnicianLeaf, type TreeRow } from './tree-rows';

const EMPTY: GroupNode[] = [];
const EXPANDED_KEY = 'rac.tree.expanded';

function loadExpanded(): Set<string> {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(EXPANDED_KEY) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((id) => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function indexGroups(groups: GroupNode[], into = new Map<string, GroupNode>()) {
  for (const group of groups) {
    into.set(group.id, group);
    indexGroups(group.children ?? [], into);
  }
  return into;
}

/** What the group panel (the page's outlet) gets from the tree. */
export interface TreeContext {
  groups: GroupNode[];
  byId: Map<string, GroupNode>;
  /** Opens a group on the tree (after creating a sub-group in it, for example). */
  expand: (groupId: string) => void;
}

export function useTreeContext(): TreeContext {
  return useOutletContext<TreeContext>();
}

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
  const tree = useGroupTree();
  const groups = tree.data ?? EMPTY;
  const byId = useMemo(() => indexGroups(groups), [groups]);
  const [expanded, setExpanded] = useState<Set<string>>(loadExpanded);
  /** Per open group, the cursors of the pages after the first that "Show more" asked for. */
  const [morePages, setMorePages] = useState<Record<string, string[]>>({});
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const move = useMoveTechnician();

  useEffect(() => {
    sessionStorage.setItem(EXPANDED_KEY, JSON.stringify([...expanded]));
  }, [expanded]);

  // The groups above the selected one are opened, so that it shows.
  useEffect(() => {
    if (!groupId || !tree.data) return;
    const above = ancestorsOf(tree.data, groupId) ?? [];
    setExpanded((open) =>
      above.every((id) => open.has(id)) ? open : new Set([...open, ...above]),
    );
  }, [groupId, tree.data]);

  const expand = useCallback((id: string) => {
    setExpanded((open) => (open.has(id) ? open : new Set([...open, id])));
  }, []);

  const onToggle = (id: string, open: boolean) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  // Only the open groups that have technicians load them, a page at a time.
  const cursors = useMemo(() => {
    const pages: Record<string, (string | null)[]> = {};
    for (const id of expanded) {
      if ((byId.get(id)?.technicianCount ?? 0) > 0) pages[id] = [null, ...(morePages[id] ?? [])];
    }
    return pages;
  }, [expanded, byId, morePages]);
  const technicians = useTreeTechnicians(cursors);
  const rows = useMemo(
    () => visibleRows(groups, expanded, (id) => technicians.get(id)),
    [groups, expanded, technicians],
  );

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
          void queryClient.refetchQueries({ queryKey: queryKeys.groupTechnicians(row.groupId) });
        }
        break;
    }
  };

  const onMove = (technician: TechnicianLeaf, to: GroupNode) => {
    setFailure(undefined);
    setStatus(t('move.moving', { name: technician.name, group: to.name }));
    move.mutate(
      { technicianId: technician.id, groupId: to.id, from: technician.groupId },
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
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Title order={1} size="h3" id="organization-tree-title">
            {t('title')}
          </Title>
          {isMaster && (
            <Button size="xs" variant="light" onClick={() => setCreating(true)}>
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
        {tree.isPending ? (
          <Center p="xl">
            <Loader aria-label={t('loading')} />
          </Center>
        ) : tree.isError ? (
          <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
        ) : groups.length === 0 ? (
          <Text c="dimmed" p="md">
            {isMaster ? t('empty.master') : t('empty.admin')}
          </Text>
        ) : (
          <GroupTree
            rows={rows}
            selectedKey={groupId ? groupKey(groupId) : undefined}
            label={t('treeLabel')}
            onToggle={onToggle}
            onActivate={onActivate}
            onCreateTechnician={(group) => void navigate(`/groups/${group.id}/technicians/new`)}
            onMove={onMove}
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
