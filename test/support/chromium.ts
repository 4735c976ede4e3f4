/**
 * How the browser suite and the bench launch Debian's Chromium (Playwright's own browser
 * download does not work here). The network is closed: Chromium must not try to reach
 * Google's services.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
};
