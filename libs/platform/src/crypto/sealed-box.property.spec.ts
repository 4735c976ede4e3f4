import fc from 'fast-check';
import { anyString } from '../testing/arbitraries';
import { generateSealingKeyPair, open, openBytes, seal, SealedBoxError } from './sealed-box';

/** Properties of sealed boxes (issue 6): for any input it answers, and only in its own way. */

describe('sealed boxes: open and openBytes', () => {
  const keyPair = generateSealingKeyPair();
  const base64urlPart = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_'), maxLength: 80 });
  let box: string;
  let parts: string[];
  let boxText: fc.Arbitrary<string>;

  beforeAll(async () => {
    box = await seal('Correct-Horse-9', keyPair);
    parts = box.split('.');
    /** Any text, text shaped like a box, and real boxes with one part replaced or cut short. */
    boxText = fc.oneof(
      anyString,
      fc
        .tuple(
          fc.constantFrom(keyPair.keyId, '0123456789abcdef'),
          fc.array(base64urlPart, { minLength: 2, maxLength: 2 }),
        )
        .map(([keyId, rest]) => ['hpke', keyId, ...rest].join('.')),
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), base64urlPart)
        .map(([index, part]) => parts.map((p, i) => (i === index ? part : p)).join('.'))
        .filter((text) => text !== box),
      fc.integer({ min: 0, max: box.length - 1 }).map((length) => box.slice(0, length)),
      fc
        .tuple(
          fc.integer({ min: 0, max: box.length - 1 }),
          fc.string({ minLength: 1, maxLength: 1 }),
        )
        .map(([at, char]) => box.slice(0, at) + char + box.slice(at + 1))
        .filter((text) => text !== box),
    );
  });

  it.each([
    ['open', open],
    ['openBytes', openBytes],
  ] as const)('%s rejects with nothing but SealedBoxError, for any text', async (_, fn) => {
    await fc.assert(
      fc.asyncProperty(boxText, async (text) => {
        try {
          await fn(text, keyPair);
        } catch (err) {
          expect(err).toBeInstanceOf(SealedBoxError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('opens nothing but an intact box: any other text shaped like one is refused', async () => {
    await fc.assert(
      fc.asyncProperty(boxText, async (text) => {
        // Another box can decode to the same bytes only through base64url's unused bits.
        const same = (a: string, b: string) =>
          Buffer.from(a, 'base64url').equals(Buffer.from(b, 'base64url'));
        const textParts = text.split('.');
        const intact =
          textParts.length === 4 &&
          textParts.slice(0, 2).join('.') === parts.slice(0, 2).join('.') &&
          textParts.slice(2).every((part, i) => same(part, parts[i + 2]));
        if (!intact) await expect(open(text, keyPair)).rejects.toThrow(SealedBoxError);
      }),
      { numRuns: 300 },
    );
  });
});
