import { describe, expect, it } from 'vitest';
import {
  filterErrors,
  filtersFromSearch,
  filtersOf,
  fromLocalInput,
  searchFromFilters,
  toLocalInput,
  valuesOf,
} from './audit-filters';

const ID = '9c3d0000-0000-4000-8000-000000000003';
const empty = { actor: '', target: '', type: '', from: '', to: '' };

describe('audit filters', () => {
  it('go from the address to the form and back unchanged', () => {
    const search = new URLSearchParams({
      target: ID,
      type: 'org.technician.*',
      from: '2026-12-07T10:00:00.000Z',
      ignored: 'x',
    });
    const filters = filtersFromSearch(search);
    expect(filters).toEqual({
      target: ID,
      type: 'org.technician.*',
      from: '2026-12-07T10:00:00.000Z',
    });
    expect(filtersOf(valuesOf(filters))).toEqual(filters);
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
  });

  it('leave out what is empty', () => {
    expect(filtersOf({ ...empty, actor: '  ' })).toEqual({});
  });

  it('turn a local date and time into RFC 3339 and back', () => {
    const iso = fromLocalInput('2026-12-07T11:30')!;
    expect(iso).toMatch(/^2026-12-07T\d\d:30:00\.000Z$/);
    expect(toLocalInput(iso)).toBe('2026-12-07T11:30');
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a time')).toBeUndefined();
  });

  it('refuse what the API would refuse, before asking it', () => {
    expect(filterErrors({ ...empty, actor: 'ann', target: 'bob' })).toEqual({
      actor: 'filters.notAnId',
      target: 'filters.notAnId',
    });
    expect(filterErrors({ ...empty, from: '2026-12-07T12:00', to: '2026-12-07T11:00' })).toEqual({
      to: 'filters.toBeforeFrom',
    });
    expect(
      filterErrors({ ...empty, actor: ID, from: '2026-12-07T11:00', to: '2026-12-07T12:00' }),
    ).toEqual({});
  });
});
