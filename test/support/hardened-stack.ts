import { createGroup, createTechnician, signInChangingPassword, uniqueEmail } from './fixtures';
import { Stack } from './stack';

export const MAX_PER_ACCOUNT = 3;
export const MAX_PER_ADDRESS = 6;

/**
 * The stack of a sign-in hardening suite (test/e2e/sign-in-hardening-*.e2e-spec.ts): a sign-in
 * blocked after MAX_PER_ACCOUNT failures for an account and MAX_PER_ADDRESS for a client
 * address, behind one (pretend) proxy, with the bootstrap Master Administrator's token and a
 * group to make technicians in.
 */
export class HardenedStack {
  stack!: Stack;
  token!: string;
  groupId!: string;

  /** Registers the suite's beforeAll and afterAll; `label` names its stack (unique in test/e2e). */
  static use(label: string): HardenedStack {
    const hardened = new HardenedStack();
    beforeAll(() => hardened.start(label));
    afterAll(async () => {
      await hardened.stack?.stop();
    });
    return hardened;
  }

  private async start(label: string): Promise<void> {
    // Behind one (pretend) proxy, so that each test signs in from client addresses of its own:
    // the address is the last one of X-Forwarded-For, the one that proxy added.
    this.stack = await Stack.start(label, {
      TRUST_PROXY: '1',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
    });
    this.token = await this.stack.adminToken();
    this.groupId = (await createGroup(this.stack.api, this.token)).id;
  }

  /** A technician who has changed the password an administrator set, as a real one would. */
  readonly technician = async (): Promise<{ email: string; password: string; id: string }> => {
    const created = await createTechnician(this.stack.api, this.token, this.groupId, {
      email: uniqueEmail('hardening'),
    });
    // Change the administrator-set password, as a real technician would.
    await signInChangingPassword(this.stack.api, created.email, created.password);
    return { email: created.email, password: `${created.password}-New9`, id: created.id };
  };
}
