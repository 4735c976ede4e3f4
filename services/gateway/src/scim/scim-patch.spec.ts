import { applyScimPatch, PATCH_OP_SCHEMA } from './scim-patch';

const patch = (...Operations: object[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

const group = () => ({
  id: 'g',
  displayName: 'Support',
  members: [{ value: 'a' }, { value: 'b' }, { value: 'c' }],
});

const user = () => ({
  id: 'u',
  userName: 'ada@example.com',
  emails: [
    { value: 'ada@example.com', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  name: { formatted: 'Ada' },
});

describe('applyScimPatch: what Entra ID and Okta send', () => {
  it('removes the members listed in value, as Entra ID does without aadOptscim062020', () => {
    const patched = applyScimPatch(
      group(),
      patch({
        op: 'Remove',
        path: 'members',
        value: [{ value: 'a' }, { value: 'gone' }, { value: 'c' }],
      }),
    );
    expect(patched.members).toEqual([{ value: 'b' }]);
  });

  it('removes a member by a filtered path, as Entra ID does with aadOptscim062020', () => {
    const patched = applyScimPatch(group(), patch({ op: 'remove', path: 'members[value eq "b"]' }));
    expect(patched.members).toEqual([{ value: 'a' }, { value: 'c' }]);
  });

  it('applies path-less values with dotted and filtered keys to what they name', () => {
    const patched = applyScimPatch(
      user(),
      patch({
        op: 'Replace',
        value: { 'emails[type eq "work"].value': 'ada@work.example', 'name.givenName': 'Ada' },
      }),
    );
    expect(patched).toEqual({
      ...user(),
      emails: [{ value: 'ada@work.example', type: 'work', primary: true }, user().emails[1]],
      name: { formatted: 'Ada', givenName: 'Ada' },
    });
  });

  it('refuses a value to remove without a string value, and too many of them, with 400 invalidValue', () => {
    expect(() =>
      applyScimPatch(group(), patch({ op: 'remove', path: 'members', value: [{ value: 1 }] })),
    ).toThrow(/each value to remove has a string "value"/);
    const many = Array.from({ length: 1_001 }, (_, i) => ({ value: `m${i}` }));
    expect(() =>
      applyScimPatch(group(), patch({ op: 'remove', path: 'members', value: many })),
    ).toThrow(/at most 1000/);
  });

  it('never changes id', () => {
    expect(() =>
      applyScimPatch(user(), patch({ op: 'replace', path: 'id', value: 'x' })),
    ).toThrow();
  });
});
