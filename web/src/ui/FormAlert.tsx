import { Alert } from '@mantine/core';

/** What went wrong with a form, at its top, read out at once (nothing when all is well). */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
