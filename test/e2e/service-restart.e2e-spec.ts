import { StackService } from '../support/service-process';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

describe('A service killed with SIGKILL and started again rejoins the running stack', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start('restart');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it.each<StackService>(['org', 'identity', 'import'])('%s', async (name) => {
    const others = (['gateway', 'identity', 'org', 'import'] as StackService[]).filter(
      (n) => n !== name,
    );
    const pidsBefore = others.map((n) => stack.services[n].pid);

    await stack.services[name].kill();

    const unhealthy = await waitFor(
      async () => {
        const response = await stack.api.get('/api/v1/health');
        return response.status === 503 ? response : undefined;
      },
      { what: `/health to report ${name} down` },
    );
    expect(unhealthy.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unhealthy.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(unhealthy.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: name })]),
    );

    await stack.services[name].start();
    await stack.waitHealthy();

    // Nobody else was restarted, and the whole path (gateway -> identity -> org) works again.
    expect(others.map((n) => stack.services[n].pid)).toEqual(pidsBefore);
    expect(others.every((n) => stack.services[n].running)).toBe(true);
    await expect(stack.adminToken()).resolves.toEqual(expect.any(String));
  });
});
