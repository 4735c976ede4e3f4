import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades keep text on coloured buttons above WCAG AA contrast (axe checks it).
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
});

/**
 * Mantine's "dimmed" text (hints, input descriptions) is gray 6 on white, 3.3:1, and its
 * error text red 6, 3.6:1: below WCAG AA's 4.5:1 (axe's color-contrast). Gray 7 (7.7:1)
 * stays quieter than body text; red 9 (5.1:1) stays red.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
