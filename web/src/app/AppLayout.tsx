import { AppShell, Burger, Button, Group, Loader, Menu, NavLink, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentAdmin } from '../auth/guards';
import { signOut } from '../api/sign-in';
import { HeaderSearch } from './HeaderSearch';
import { LanguageSelect } from '../ui/LanguageSelect';

/**
 * The frame of every signed-in page: header (search, language, account), navigation, content,
 * and the notifications (only signed-in pages show any: the sign-in page does not load them).
 */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentAdmin();
  const location = useLocation();
  const navigate = useNavigate();
  const [opened, { toggle }] = useDisclosure();
  const isMaster = me.role === 'master_admin';
  const links = [
    {
      to: '/',
      label: t('nav.tree'),
      active: location.pathname === '/' || /^\/(groups|technicians)\//.test(location.pathname),
    },
    ...(isMaster
      ? [
          {
            to: '/imports',
            label: t('nav.imports'),
            active: location.pathname.startsWith('/imports'),
          },
          {
            to: '/settings',
            label: t('nav.settings'),
            active: location.pathname.startsWith('/settings'),
          },
        ]
      : []),
    { to: '/audit', label: t('nav.audit'), active: location.pathname.startsWith('/audit') },
  ];

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
            />
            <Title order={2} size="h4">
              {t('appName')}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="md">
              {me.organizationName}
            </Text>
          </Group>
          <Group wrap="nowrap">
            <HeaderSearch />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" aria-label={t('account.menu', { name: me.name })}>
                  {me.name}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.email}</Menu.Label>
                <Menu.Item onClick={() => void navigate('/change-password')}>
                  {t('account.changePassword')}
                </Menu.Item>
                <Menu.Item onClick={() => void signOut()}>{t('account.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
        <AppShell.Section grow>
          {links.map((link) => (
            <NavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              active={link.active}
              aria-current={link.active ? 'page' : undefined}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <LanguageSelect />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader role="progressbar" aria-label={t('loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <Notifications position="top-right" />
    </AppShell>
  );
}
