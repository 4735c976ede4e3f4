import { SCIM, scimClient } from '../support/scim';
import { Stack } from '../support/stack';

/** The per-token rate limit of the SCIM API (a stack of its own: a low limit). */
describe('SCIM: rate limit per token', () => {
  let stack: Stack;

  beforeAll(async () => {
    // The accounts' limit stays as it is (300): the SCIM token's is its own.
    stack = await Stack.start('scim-rate', { RATE_LIMIT_PER_SCIM_TOKEN: '20' });
  });

  afterAll(() => stack?.stop());

  it('answers 429 with Retry-After once a token spends its budget (RATE_LIMIT_PER_SCIM_TOKEN), as both directories expect', async () => {
    const scim = await scimClient(stack.api, await stack.adminToken(), 'Entra ID');
    const statuses: number[] = [];
    let limited: any;
    for (let i = 0; i < 25 && !limited; i++) {
      const answer = await scim.call('GET', '/ServiceProviderConfig');
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(limited).toBeDefined();
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ schemas: [SCIM.ERROR], status: '429' });
    // Another token has its own budget.
    const other = await scimClient(stack.api, await stack.adminToken(), 'Okta');
    expect((await other.call('GET', '/ServiceProviderConfig')).status).toBe(200);
  });
});
