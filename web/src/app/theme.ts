import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades keep text on coloured buttons above WCAG AA contrast (axe checks it).
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
});

/**
 * Mantine's default dimmed text (gray 6, 3.3:1 on white: field descriptions, the header's
 * organization name) and error text (red 6, 3.5:1: field errors) are below WCAG AA's 4.5:1;
 * these shades are above it.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
