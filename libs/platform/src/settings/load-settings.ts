import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

type SettingsClass<T> = new () => T;

/** Settings that could not be used, each named, so that an operator knows what to fix. */
export class InvalidSettingsError extends Error {
  constructor(
    readonly service: string,
    readonly problems: { setting: string; problem: string }[],
  ) {
    super(
      `Invalid settings for ${service}: ` +
        problems.map((p) => `${p.setting} ${p.problem}`).join('; '),
    );
  }
}

/** Reads an environment flag: true/false, 1/0, yes/no. Anything else fails validation. */
export function EnvBoolean(): PropertyDecorator {
  // Reads the raw variable: implicit conversion would already have made any text `true`.
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const value = obj[key];
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    return value;
  });
}

/**
 * Builds a settings object from environment variables whose names are the class's
 * property names. Defaults are the property initialisers; an empty variable counts as
 * unset. Throws InvalidSettingsError naming every bad setting.
 */
export function loadSettings<T extends object>(
  cls: SettingsClass<T>,
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const declared = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
  const provided: Record<string, string> = {};
  for (const name of declared) {
    const value = env[name];
    if (value !== undefined && value !== '') provided[name] = value;
  }
  const settings = plainToInstance(cls, provided, {
    exposeDefaultValues: true,
    enableImplicitConversion: true,
  });
  const errors = validateSync(settings, { whitelist: true });
  if (errors.length > 0) {
    throw new InvalidSettingsError(service, errors.flatMap(describe));
  }
  return settings;
}

function describe(error: ValidationError): { setting: string; problem: string }[] {
  // class-validator's own messages start with the property name; custom ones do not.
  const messages = Object.values(error.constraints ?? {}).map((m) =>
    m.startsWith(`${error.property} `) ? m.slice(error.property.length + 1) : m,
  );
  return [{ setting: error.property, problem: messages.join(', ') || 'is invalid' }];
}
