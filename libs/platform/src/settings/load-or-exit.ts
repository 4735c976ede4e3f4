import { InvalidSettingsError, loadSettings } from './load-settings';

/**
 * For main.ts: invalid settings stop start-up with one line naming each of them
 * (written before any logger exists, hence straight to stderr) and exit code 78 (EX_CONFIG).
 */
export function loadSettingsOrExit<T extends object>(cls: new () => T, service: string): T {
  try {
    return loadSettings(cls, service);
  } catch (err) {
    if (err instanceof InvalidSettingsError) {
      process.stderr.write(
        JSON.stringify({
          level: 'fatal',
          service,
          msg: err.message,
          invalidSettings: err.problems,
        }) + '\n',
      );
      process.exit(78);
    }
    throw err;
  }
}
