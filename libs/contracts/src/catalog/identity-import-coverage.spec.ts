import 'reflect-metadata';
import {
  IdentityEventPatterns,
  IdentityPatterns,
  ImportEventPatterns,
  ImportPatterns,
} from '../patterns';
import { COMMAND_CATALOG, EVENT_CATALOG } from './message-catalog';

/**
 * The audit log's coverage of identity's and import's commands: each command is judged here
 * as changing an organization's state (it must name the events it publishes), as reading
 * only, or as a change recorded elsewhere. A new command fails this test until it is judged.
 */
const STATE_CHANGING = [
  IdentityPatterns.login,
  IdentityPatterns.passwordChange,
  IdentityPatterns.passwordPolicySet,
  IdentityPatterns.ssoSettingsSet,
  IdentityPatterns.ssoComplete,
  ImportPatterns.upload,
  ImportPatterns.cancel,
] as const;

/** Changes another command's event records, or that belong to no organization. */
const RECORDED_ELSEWHERE = {
  // Parts of org's commands (technician or administrator created, deleted, password reset):
  // org publishes their events.
  [IdentityPatterns.credentialCreate]: 'org.technician.created / org.administrator.created',
  [IdentityPatterns.credentialCreateBatch]: 'org.technician.created (a batch)',
  [IdentityPatterns.credentialRevoke]: 'org.technician.deleted / org.administrator.deleted',
  [IdentityPatterns.credentialPasswordSet]: 'org.technician.password-reset',
  // An operator's key management: the installation's, not an organization's.
  [IdentityPatterns.sealingKeyRotate]: 'operator',
  [IdentityPatterns.sealingKeyRetire]: 'operator',
  [ImportPatterns.sealingKeyRotate]: 'operator',
  [ImportPatterns.sealingKeyRetire]: 'operator',
  // The steps of a sign-in through a provider before it completes (a short-lived flow); the
  // sign-in itself is identity.sign-in.succeeded.v1 at complete.
  [IdentityPatterns.ssoStart]: 'identity.sign-in.succeeded (at complete)',
  [IdentityPatterns.ssoFinish]: 'identity.sign-in.succeeded (at complete)',
} as const;

const READ_ONLY = [
  IdentityPatterns.health,
  IdentityPatterns.sealingKeyGet,
  IdentityPatterns.credentialStatusGet,
  IdentityPatterns.passwordCheck,
  IdentityPatterns.passwordCompare,
  IdentityPatterns.passwordDigest,
  IdentityPatterns.passwordDigestCompare,
  IdentityPatterns.passwordPolicyGet,
  IdentityPatterns.ssoSettingsGet,
  IdentityPatterns.ssoDiscover,
  IdentityPatterns.samlMetadataGet,
  ImportPatterns.health,
  ImportPatterns.sealingKeyGet,
  ImportPatterns.get,
  ImportPatterns.list,
  ImportPatterns.itemsList,
  ImportPatterns.reportGet,
  ImportPatterns.templateGet,
] as const;

const OWN_EVENTS = new Set<string>([
  ...Object.values(IdentityEventPatterns),
  ...Object.values(ImportEventPatterns),
]);

describe("identity's and import's commands name the audit events they publish", () => {
  it('judges every command of identity and import exactly once', () => {
    const judged = [...STATE_CHANGING, ...Object.keys(RECORDED_ELSEWHERE), ...READ_ONLY];
    const all = [...Object.values(IdentityPatterns), ...Object.values(ImportPatterns)];
    expect([...judged].sort()).toEqual([...all].sort());
    expect(new Set(judged).size).toBe(judged.length);
  });

  it.each(STATE_CHANGING)('%s names at least one event, each in the catalog', (pattern) => {
    const emits = COMMAND_CATALOG[pattern].emits ?? [];
    expect(emits.length).toBeGreaterThan(0);
    for (const event of emits) {
      expect(EVENT_CATALOG[event]).toBeDefined();
      // identity's and import's commands publish their own service's events.
      expect(OWN_EVENTS.has(event)).toBe(true);
      expect(event.split('.')[0]).toBe(pattern.split('.')[0]);
    }
  });

  it.each([
    ...READ_ONLY,
    ...(Object.keys(RECORDED_ELSEWHERE) as (keyof typeof RECORDED_ELSEWHERE)[]),
  ])('%s names no event of its own', (pattern) => {
    expect(COMMAND_CATALOG[pattern].emits).toBeUndefined();
  });

  it('has every event of identity and import named by some command', () => {
    const named = new Set(Object.values(COMMAND_CATALOG).flatMap((entry) => entry.emits ?? []));
    for (const event of OWN_EVENTS) expect(named.has(event as never)).toBe(true);
  });
});
