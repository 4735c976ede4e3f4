import { Alert, Box, Button, Center, Flex, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate, useOutletContext, useParams } from 'react-router';
import { queryKeys } from '../api/query-keys';
import { useCurrentAdmin } from '../auth/guards';
import { groupLevelQuery, useAncestors, type GroupNode, type GroupSummary } from '../api/groups';
import { useMoveTechnician } from '../api/technicians';
import { ErrorState } from '../ui/ErrorState';
import { problemMessage } from '../ui/problem';
import { usePageTitle } from '../ui/usePageTitle';
import { useTreeTechnicians } from './use-tree-technicians';
import { CreateGroupModal } from './CreateGroupModal';
import { GroupTree } from './GroupTree';
import {
  ancestorsOf,
  groupKey,
  visibleRows,
  type LevelState,
  type TechnicianLeaf,
  type TreeRow,
} from './tree-rows';

const EMPTY: GroupSummary[] = [];
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

/**
 * The open groups whose sub-groups are to be read: those on the visible tree (every group
 * above them open too) that have any. `cached` gives a level already read.
 */
function openLevels(
  top: GroupSummary[],
  expanded: ReadonlySet<string>,
  cached: (id: string) => GroupSummary[] | undefined,
): string[] {
  const wanted: string[] = [];
  const walk = (level: GroupSummary[]) => {
    for (const group of level) {
      if (!expanded.has(group.id) || group.childCount === 0) continue;
      wanted.push(group.id);
      walk(cached(group.id) ?? []);
    }
  };
  walk(top);
  return wanted;
}

/** The visible tree from the levels read so far (an open group not read yet has no children). */
function composeTree(
  level: GroupSummary[],
  children: (id: string) => GroupSummary[] | undefined,
): GroupNode[] {
  return level.map((group) => ({
    ...group,
    children: composeTree(children(group.id) ?? [], children),
  }));
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
  const [expanded, setExpanded] = useState<Set<string>>(loadExpanded);
  // The tree is read a level at a time: the top, then the sub-groups of each open group.
  const top = useQuery(groupLevelQuery(null));
  const wanted = openLevels(top.data ?? EMPTY, expanded, (id) =>
    queryClient.getQueryData<GroupSummary[]>(groupLevelQuery(id).queryKey),
  );
  const levelResults = useQueries({ queries: wanted.map((id) => groupLevelQuery(id)) });
  const levels = new Map(wanted.map((id, i) => [id, levelResults[i]]));
  // The levels read and when: the result objects themselves are new on every render.
  const levelsRead = wanted.map((id) => `${id}@${levels.get(id)?.dataUpdatedAt ?? 0}`).join();
  const groups = useMemo(
    () => composeTree(top.data ?? EMPTY, (id) => levels.get(id)?.data),
    [top.data, levelsRead],
  );
  const levelState = (id: string): LevelState => {
    const level = levels.get(id);
    if (!level || level.data) return undefined;
    return level.isError && !level.isFetching ? 'failed' : 'loading';
  };
  const byId = useMemo(() => indexGroups(groups), [groups]);
  /** Per open group, the cursors of the pages after the first that "Show more" asked for. */
  const [morePages, setMorePages] = useState<Record<string, string[]>>({});
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const move = useMoveTechnician();

  useEffect(() => {
    sessionStorage.setItem(EXPANDED_KEY, JSON.stringify([...expanded]));
  }, [expanded]);

  // The groups above the selected one are opened, so that it shows: from the levels read,
  // or, for a group not read yet (a link), asked up its parents.
  const onTree = groupId ? ancestorsOf(groups, groupId) : undefined;
  const ancestors = useAncestors(groupId, !!groupId && !top.isPending && !onTree);
  const above = onTree ?? ancestors.data;
  useEffect(() => {
    if (!above) return;
    setExpanded((open) =>
      above.every((id) => open.has(id)) ? open : new Set([...open, ...above]),
    );
  }, [above?.join()]);

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
