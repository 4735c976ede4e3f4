import { readFileSync, writeFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { EventPatterns, IdentityPatterns, ImportPatterns, OrgPatterns } from '@app/contracts';
import { asyncApiText, ASYNCAPI_PATH } from './build-asyncapi';

/** Spectral's severities: 0 error, 1 warning, 2 information ("use AsyncAPI 3.1"), 3 hint. */
const WARNING = 1;

describe('AsyncAPI document', () => {
  let generated: string;

  beforeAll(() => {
    generated = asyncApiText();
    if (process.env.UPDATE_ASYNCAPI) writeFileSync(ASYNCAPI_PATH, generated);
  }, 60_000);

  it('validates with the AsyncAPI parser', async () => {
    const { document, diagnostics } = await new Parser().parse(generated);
    const problems = diagnostics
      .filter((d) => Number(d.severity) <= WARNING)
      .map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
  });

  it('is the committed docs/asyncapi.json (after a contract change: npm run asyncapi)', () => {
    expect(readFileSync(ASYNCAPI_PATH, 'utf8')).toBe(generated);
  });

  it('covers every pattern of libs/contracts, commands and events', () => {
    const document = JSON.parse(asyncApiText()) as { operations: Record<string, unknown> };
    const patterns = [IdentityPatterns, OrgPatterns, ImportPatterns].flatMap((p) =>
      Object.values(p),
    );
    for (const pattern of patterns) expect(document.operations).toHaveProperty([pattern]);
    for (const pattern of Object.values(EventPatterns))
      expect(document.operations).toHaveProperty([`on.${pattern}`]);
  });
});
