import type { AccountState } from '../entities/account.entity';
import { AccountFate, assertChange, canChange } from './account-states';

describe("the account's state machine", () => {
  const allowed: [AccountState, AccountFate][] = [
    ['provisioning', 'provisioning'], // a redelivered create takes it over
    ['provisioning', 'active'], // identity made the credential
    ['provisioning', 'abandoning'], // identity's answer is unknown, or the deadline passed
    ['provisioning', 'gone'], // identity refused: nothing to revoke
    ['active', 'deleting'],
    ['abandoning', 'abandoning'], // the sweep claims an abandon whose process died
    ['abandoning', 'gone'],
    ['deleting', 'deleting'], // the sweep claims a deletion whose process died
    ['deleting', 'gone'],
  ];
  const states: AccountState[] = ['provisioning', 'active', 'abandoning', 'deleting'];
  const fates: AccountFate[] = [...states, 'gone'];

  it.each(allowed)('lets %s become %s', (from, to) => {
    expect(canChange(from, to)).toBe(true);
    expect(() => assertChange([from], to)).not.toThrow();
  });

  const refused = states.flatMap((from) =>
    fates
      .filter((to) => !allowed.some(([f, t]) => f === from && t === to))
      .map((to): [AccountState, AccountFate] => [from, to]),
  );

  it.each(refused)('never lets %s become %s', (from, to) => {
    expect(canChange(from, to)).toBe(false);
    expect(() => assertChange([from], to)).toThrow(`an account cannot go from ${from} to ${to}`);
  });

  it('refuses a change when any of the states it starts from may not make it', () => {
    expect(() => assertChange(['provisioning', 'abandoning'], 'abandoning')).not.toThrow();
    expect(() => assertChange(['provisioning', 'active'], 'abandoning')).toThrow(/from active/);
  });

  it('never lets an active account go without being deleted first, nor come back', () => {
    expect(canChange('active', 'gone')).toBe(false);
    expect(canChange('active', 'provisioning')).toBe(false);
    expect(canChange('deleting', 'active')).toBe(false);
    expect(canChange('abandoning', 'active')).toBe(false);
  });
});
