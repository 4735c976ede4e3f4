import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH } from '../test/support/chromium';
import type { Stack } from '../test/support/stack';

export interface FirstLoad {
  /** The scripts of the sign-in page's first load, each gzipped on its own (bytes). */
  scriptGzip: number;
  scriptRaw: number;
  scripts: number;
  cssGzip: number;
  cssRaw: number;
}

/**
 * What a browser without a cache or a session downloads to show the sign-in page, as a
 * person arrives (at `/`, sent on to /sign-in): every script and style sheet Chromium
 * asked for until the email box shows and the network is idle, their bodies gzipped here
 * (as a server or a proxy compressing them would send them). Undefined without Chromium.
 */
export async function measureFirstLoad(stack: Stack): Promise<FirstLoad | undefined> {
  if (!existsSync(CHROMIUM_LAUNCH.executablePath)) return undefined;
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ baseURL: stack.api.baseUrl });
    const bodies: Promise<{ type: string; raw: number; gzip: number } | undefined>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      bodies.push(
        response.body().then(
          (body) => ({ type, raw: body.length, gzip: gzipSync(body).length }),
          () => undefined,
        ),
      );
    });
    await page.goto('/');
    await page.getByRole('textbox', { name: 'Email' }).waitFor();
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(bodies)).filter((file) => file !== undefined);
    const sum = (type: string, size: 'raw' | 'gzip') =>
      files.filter((file) => file.type === type).reduce((total, file) => total + file[size], 0);
    return {
      scriptGzip: sum('script', 'gzip'),
      scriptRaw: sum('script', 'raw'),
      scripts: files.filter((file) => file.type === 'script').length,
      cssGzip: sum('stylesheet', 'gzip'),
      cssRaw: sum('stylesheet', 'raw'),
    };
  } finally {
    await browser.close();
  }
}
