import { Center, Loader } from '@mantine/core';

/**
 * What shows while a page's modules or strings load (before any string is there, so its
 * name is not translated).
 */
export function PageLoader() {
  return (
    <Center h="100vh">
      <Loader role="progressbar" aria-label="Loading" />
    </Center>
  );
}
