import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One section of the settings page: its title (which names the section), a line on what it
 * is for, its main action beside them, then its content. `dialogs` are the section's modals.
 */
export function SettingsSection({
  titleId,
  title,
  intro,
  action,
  children,
  dialogs,
}: {
  titleId: string;
  title: string;
  intro: string;
  action: ReactNode;
  children: ReactNode;
  dialogs: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={titleId}>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} id={titleId}>
              {title}
            </Title>
            <Text c="dimmed" size="sm" maw={640}>
              {intro}
            </Text>
          </div>
          {action}
        </Group>
        {children}
      </Stack>
      {dialogs}
    </Paper>
  );
}
