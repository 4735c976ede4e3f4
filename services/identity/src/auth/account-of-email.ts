import { AccountStandingReply, ErrorCodes, LookupAccountQuery, OrgPatterns } from '@app/contracts';
import { RpcCallError, RpcClient } from '@app/platform';

/** The account whose login is this email, asking org; undefined when there is none. */
export async function accountOfEmail(
  org: RpcClient,
  email: string,
): Promise<AccountStandingReply | undefined> {
  try {
    return await org.send<AccountStandingReply>(OrgPatterns.accountLookup, {
      email,
    } satisfies LookupAccountQuery);
  } catch (err) {
    if (err instanceof RpcCallError && err.code === ErrorCodes.ACCOUNT_NOT_FOUND) return undefined;
    throw err;
  }
}
