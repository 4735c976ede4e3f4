import {
  AccountStandingReply,
  ErrorCodes,
  LookupAccountBySsoIdQuery,
  LookupAccountQuery,
  OrgPatterns,
  ProfileReply,
  Roles,
} from '@app/contracts';
import { RpcCallError, RpcClient } from '@app/platform';

/** The account whose login is this email, asking org; undefined when there is none. */
export function accountOfEmail(
  org: RpcClient,
  email: string,
): Promise<AccountStandingReply | undefined> {
  return orNone(
    org.send<AccountStandingReply>(OrgPatterns.accountLookup, {
      email,
    } satisfies LookupAccountQuery),
  );
}

/** The organization's account with this Single Sign-On ID; undefined when there is none. */
export function accountOfSsoId(
  org: RpcClient,
  organizationId: string,
  ssoId: string,
): Promise<AccountStandingReply | undefined> {
  return orNone(
    org.send<AccountStandingReply>(OrgPatterns.accountLookupBySsoId, {
      organizationId,
      ssoId,
    } satisfies LookupAccountBySsoIdQuery),
  );
}

/** The account's email as org has it now: how the audit log names the account of an event. */
export async function accountEmail(
  org: RpcClient,
  account: { accountId: string; organizationId: string },
): Promise<string> {
  const profile = await org.send<ProfileReply>(OrgPatterns.profileGet, {
    // Identification only: org answers an account its own profile, whatever its role.
    actor: {
      accountId: account.accountId,
      organizationId: account.organizationId,
      role: Roles.TECHNICIAN,
    },
  });
  return profile.email;
}

async function orNone(
  lookup: Promise<AccountStandingReply>,
): Promise<AccountStandingReply | undefined> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof RpcCallError && err.code === ErrorCodes.ACCOUNT_NOT_FOUND) return undefined;
    throw err;
  }
}
