import 'reflect-metadata';
import {
  AuditPatterns,
  EventPatterns,
  IdentityPatterns,
  ImportPatterns,
  OrgPatterns,
} from '../patterns';
import { COMMAND_CATALOG, EVENT_CATALOG } from './message-catalog';

/**
 * The audit log's coverage: every command of the catalog that changes state names the events
 * it publishes (`emits`). Whether a command changes state is decided here, in the open, one
 * list each, so that a new command must be judged by whoever adds it: it either emits, or
 * is listed below with why it does not. (identity-import-coverage.spec.ts also checks that
 * identity's and import's commands publish their own service's events.)
 */

/** Commands that only read (or compute an answer without keeping anything). */
const READ_ONLY: readonly string[] = [
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
  OrgPatterns.health,
  OrgPatterns.accountLookup,
  OrgPatterns.accountLookupBySsoId,
  OrgPatterns.profileGet,
  OrgPatterns.authorize,
  OrgPatterns.actorScopeGet,
  OrgPatterns.groupTreeGet,
  OrgPatterns.groupChildrenList,
  OrgPatterns.groupSearch,
  OrgPatterns.groupGet,
  OrgPatterns.technicianGet,
  OrgPatterns.technicianList,
  OrgPatterns.administratorList,
  OrgPatterns.servicePrincipalList,
  OrgPatterns.scimTokenList,
  ImportPatterns.health,
  ImportPatterns.sealingKeyGet,
  ImportPatterns.get,
  ImportPatterns.list,
  ImportPatterns.itemsList,
  ImportPatterns.reportGet,
  ImportPatterns.templateGet,
  AuditPatterns.health,
  AuditPatterns.eventsList,
  AuditPatterns.settingsGet,
];

/**
 * Commands that write, but whose write is not a change an administrator audits: a step of
 * another command that publishes the event itself, bookkeeping, or an operator's key
 * rotation (no organization's data). Each with its reason.
 */
const NOT_AUDITED: Readonly<Record<string, string>> = {
  [IdentityPatterns.sealingKeyRotate]: "the operator's sealing keys, of no organization",
  [IdentityPatterns.sealingKeyRetire]: "the operator's sealing keys, of no organization",
  [ImportPatterns.sealingKeyRotate]: "the operator's file sealing keys, of no organization",
  [ImportPatterns.sealingKeyRetire]: "the operator's file sealing keys, of no organization",
  [IdentityPatterns.credentialCreate]:
    "a step of org's creates, whose technician or administrator created event it is",
  [IdentityPatterns.credentialCreateBatch]: "a step of org's batch create (technician created)",
  [IdentityPatterns.credentialRevoke]: "a step of org's delete (technician deleted)",
  [IdentityPatterns.credentialPasswordSet]:
    "a step of org's password set (technician password-reset, administrator updated)",
  [IdentityPatterns.ssoStart]: 'keeps the state of a sign-in begun; the sign-in is the event',
  [IdentityPatterns.ssoFinish]: 'keeps the outcome for the browser; the sign-in is the event',
  [OrgPatterns.sessionsEnd]:
    "a step of identity's password change (identity.password.changed is the event)",
  [OrgPatterns.signOut]: 'ends one token of the caller itself: a session, not a change of data',
  [OrgPatterns.idempotencyKeySettle]:
    "settles a command's key: the command's events say what it did",
  [OrgPatterns.scimTokenVerify]: 'records when the token was last used (bookkeeping)',
};

/**
 * Commands that change state and publish no event yet: a known gap, each with the event it
 * owes. A command listed here that emits fails the test (take it off the list), so the list
 * never claims a gap that is closed.
 */
const NOT_YET_EMITTING: Readonly<Record<string, string>> = {};

describe('the audit coverage of the message catalog', () => {
  const patterns = Object.keys(COMMAND_CATALOG);
  const judged = [...READ_ONLY, ...Object.keys(NOT_AUDITED), ...Object.keys(NOT_YET_EMITTING)];

  it('names the events of every command that changes state', () => {
    const silent = patterns.filter(
      (pattern) =>
        !COMMAND_CATALOG[pattern as keyof typeof COMMAND_CATALOG].emits?.length &&
        !judged.includes(pattern),
    );
    expect(silent).toEqual([]);
  });

  it('lists a command as read-only, not audited or not yet emitting only when it emits nothing', () => {
    const emitting = judged.filter(
      (pattern) => COMMAND_CATALOG[pattern as keyof typeof COMMAND_CATALOG]?.emits?.length,
    );
    expect(emitting).toEqual([]);
  });

  it('judges each command once, and only commands the catalog has', () => {
    expect(judged.filter((pattern) => !patterns.includes(pattern))).toEqual([]);
    expect(judged.filter((pattern, i) => judged.indexOf(pattern) !== i)).toEqual([]);
  });

  it('emits only events of the catalog, and every event is emitted by some command', () => {
    const emitted = new Set(Object.values(COMMAND_CATALOG).flatMap((entry) => entry.emits ?? []));
    expect([...emitted].filter((event) => !(event in EVENT_CATALOG))).toEqual([]);
    expect(Object.values(EventPatterns).filter((event) => !emitted.has(event))).toEqual([]);
  });
});
