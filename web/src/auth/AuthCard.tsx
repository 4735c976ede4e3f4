import { Center, Paper, Stack, Title } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { FormAlert } from '../ui/FormAlert';

/** The centred card of the pages outside the frame: sign-in and the password change. */
export function AuthCard({
  title,
  error,
  onSubmit,
  width = 400,
  children,
}: {
  title: string;
  error?: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={width}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              {title}
            </Title>
            <FormAlert message={error} />
            {children}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
