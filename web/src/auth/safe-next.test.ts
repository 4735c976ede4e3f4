import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path of the app, query included', () => {
    expect(safeNext('/groups/1?x=2')).toBe('/groups/1?x=2');
  });
  it.each([
    null,
    '',
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/sign-in?next=/',
  ])('goes home instead of %s', (next) => expect(safeNext(next)).toBe('/'));
});
