import { ProblemException } from '../problem/problem.exception';
import { scimFilter, subAttributesInValuePaths } from './scim-filter';

const ada = {
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'Ext-1',
  userName: 'Ada.Lovelace@Example.com',
  displayName: 'Ada Lovelace',
  active: true,
  emails: [{ value: 'Ada@Example.com', type: 'work', primary: true }],
  name: { givenName: 'Ada', familyName: 'Lovelace' },
};
const bob = {
  ...ada,
  id: 'b',
  externalId: 'ext-2',
  userName: 'bob@example.com',
  active: false,
  emails: [],
};

function matching(filter: string): string[] {
  return [ada, bob].filter(scimFilter(filter)).map((user) => user.userName);
}

describe('scimFilter', () => {
  it('compares userName and emails without regard to case, as RFC 7643 says they are', () => {
    expect(matching('userName eq "ada.lovelace@example.com"')).toEqual([ada.userName]);
    expect(matching('emails.value co "ADA@"')).toEqual([ada.userName]);
    expect(matching('emails[type eq "work" and value sw "ada"]')).toEqual([ada.userName]);
  });

  it('compares attribute names without regard to case', () => {
    expect(matching('USERNAME eq "bob@example.com"')).toEqual(['bob@example.com']);
    expect(matching('Name.GivenName pr')).toEqual([ada.userName, 'bob@example.com']);
  });

  it('keeps externalId and id case-exact', () => {
    expect(matching('externalId eq "ext-1"')).toEqual([]);
    expect(matching('externalId eq "Ext-1"')).toEqual([ada.userName]);
  });

  it('has eq, ne, co, sw, pr, and, or, not and booleans', () => {
    expect(matching('active eq false')).toEqual(['bob@example.com']);
    expect(matching('active ne false')).toEqual([ada.userName]);
    expect(matching('displayName sw "ada" or userName eq "bob@example.com"')).toEqual([
      ada.userName,
      'bob@example.com',
    ]);
    expect(matching('not (active eq true) and userName pr')).toEqual(['bob@example.com']);
  });

  it('reads emails[type eq "work"].value eq "…" (Entra ID) as one email both work and of that value', () => {
    const carol = {
      ...ada,
      userName: 'carol@example.com',
      emails: [
        { value: 'carol@example.com', type: 'work' },
        { value: 'ada@example.com', type: 'other' },
      ],
    };
    const users = [ada, bob, carol];
    const named = (filter: string) => users.filter(scimFilter(filter)).map((u) => u.userName);
    expect(named('emails[type eq "work"].value eq "ADA@example.com"')).toEqual([ada.userName]);
    expect(named('emails[type eq "work" and value eq "ada@example.com"]')).toEqual([ada.userName]);
    expect(named('emails.value eq "ada@example.com"')).toEqual([ada.userName, carol.userName]);
    expect(named('emails[type eq "other"].value pr')).toEqual([carol.userName]);
    expect(
      named('emails[type eq "work" or type eq "home"].value sw "carol" and active eq true'),
    ).toEqual([carol.userName]);
  });

  it('rewrites a sub-attribute after a value path into it, and nothing in quoted strings', () => {
    expect(subAttributesInValuePaths('emails[type eq "work"].value eq "a@b.c"')).toBe(
      'emails[(type eq "work") and value eq "a@b.c"]',
    );
    expect(subAttributesInValuePaths('x[a pr].b pr or y[c eq 1].d gt 2')).toBe(
      'x[(a pr) and b pr] or y[(c eq 1) and d gt 2]',
    );
    for (const untouched of [
      'userName eq "a[b].c eq \\"d\\""',
      'emails[type eq "work"]',
      'emails[type eq "work"].value',
      'emails[type eq "work"].value zz "a"',
      '].value eq "a"',
    ])
      expect(subAttributesInValuePaths(untouched)).toBe(untouched);
  });

  it.each([
    'userName eq',
    'userName zz "a"',
    '"unterminated',
    `${'('.repeat(5000)}userName pr${')'.repeat(5000)}`,
    `${'('.repeat(1000)}userName pr${')'.repeat(1000)}`,
    'userName eq "a" and '.repeat(200) + 'active pr',
  ])('refuses %#: 400 invalidFilter, never an error of ours', (filter) => {
    let thrown: unknown;
    try {
      scimFilter(filter);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).extensions).toEqual({ scimType: 'invalidFilter' });
  });
});
