import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import {
  COMMAND_CATALOG,
  CommandEntry,
  IdentityPatterns,
  ImportPatterns,
  ServiceNames,
} from '@app/contracts';
import { sealingKeyController } from '@app/platform';

/**
 * The message catalog (libs/contracts, the source of docs/asyncapi.json) says what every
 * handler takes: checked here against the handlers themselves, so the AsyncAPI document
 * cannot describe a payload class the service does not validate with.
 */
describe('Message catalog against the handlers', () => {
  /** Every @MessagePattern handler of the services: its pattern and its payload class. */
  async function handlers(): Promise<{ pattern: string; payload?: unknown; where: string }[]> {
    const root = path.resolve(__dirname, '..');
    const controllers: { name: string; prototype: object }[] = [
      sealingKeyController(IdentityPatterns),
      sealingKeyController(ImportPatterns),
    ];
    for (const service of ServiceNames) {
      const dir = path.join(root, 'services', service, 'src');
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.controller.ts')) continue;
        const exported: Record<string, unknown> = await import(path.join(dir, file));
        for (const value of Object.values(exported))
          if (typeof value === 'function') controllers.push(value);
      }
    }
    return controllers.flatMap(({ name, prototype }) =>
      Object.getOwnPropertyNames(prototype).flatMap((method) => {
        const handler = (prototype as Record<string, unknown>)[method];
        const patterns = (Reflect.getMetadata(PATTERN_METADATA, handler as object) ??
          []) as string[];
        const [payload] = (Reflect.getMetadata('design:paramtypes', prototype, method) ??
          []) as unknown[];
        return patterns.map((pattern) => ({ pattern, payload, where: `${name}.${method}` }));
      }),
    );
  }

  it('has an entry for every handler, with the class the handler validates', async () => {
    const found = await handlers();
    expect(found.length).toBeGreaterThan(40);
    for (const { pattern, payload, where } of found) {
      const entry = (COMMAND_CATALOG as Record<string, CommandEntry | undefined>)[pattern];
      expect({ where, pattern, known: Boolean(entry) }).toEqual({ where, pattern, known: true });
      expect({ where, payload }).toEqual({ where, payload: entry?.request });
    }
    // ... and a handler for every entry: nothing documented that nobody answers.
    expect(new Set(found.map((h) => h.pattern))).toEqual(new Set(Object.keys(COMMAND_CATALOG)));
  });
});
