import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { OrgPatterns } from '@app/contracts';
import { RpcClient } from '@app/platform';
import { queryDatabase } from '../support/databases';
import { createAdministrator } from '../support/fixtures';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');

/** The documented recovery command, as an operator runs it, against this stack. */
async function restoreMaster(
  stack: Stack,
  email: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'org:restore-master', '--', '--email', email],
      { cwd: ROOT, env: { ...process.env, ...stack.env.vars } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The /health answer once org has answered it (rather than not answered yet). */
async function healthWithOrg(stack: Stack, until: (body: HealthBody) => boolean) {
  return waitFor(
    async () => {
      const response = await stack.api.get('/api/v1/health');
      const body = response.body as HealthBody;
      return body?.checks?.org?.service === 'org' && until(body) ? response : undefined;
    },
    { what: 'org to answer /health as expected', timeoutMs: 30_000 },
  );
}

interface HealthBody {
  errors?: { field: string; message: string }[];
  checks?: {
    org?: {
      service?: string;
      dependencies?: Record<string, string>;
      explanations?: Record<string, { reason: string; action?: string }>;
    };
  };
}

describe('A bootstrap that cannot finish', () => {
  let stack: Stack;

  beforeAll(async () => {
    // A password the policy refuses: identity says no, at every attempt.
    stack = await Stack.start(
      'bootstrap-stuck',
      { BOOTSTRAP_ADMIN_PASSWORD: 'abc' },
      { held: ['org'] },
    );
    await stack.services.org.start();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is explained by /health and by one log line, and a corrected setting fixes it', async () => {
    const stuck = await healthWithOrg(
      stack,
      (body) => !!body.checks?.org?.explanations?.bootstrap?.reason.includes('refused'),
    );
    expect(stuck.status).toBe(503);
    const explanation = (stuck.body as HealthBody).checks!.org!.explanations!.bootstrap;
    expect(explanation.reason).toMatch(/^identity refused BOOTSTRAP_ADMIN_PASSWORD: /);
    expect(explanation.action).toContain('set BOOTSTRAP_ADMIN_PASSWORD');
    const orgError = (stuck.body as HealthBody).errors!.find((e) => e.field === 'org')!;
    expect(orgError.message).toContain('identity refused BOOTSTRAP_ADMIN_PASSWORD');

    const org = stack.services.org;
    const said = org.lines.filter((line) => line.includes('the bootstrap cannot finish'));
    expect(said).toHaveLength(1);
    expect(JSON.parse(said[0])).toMatchObject({ level: 'error', action: explanation.action });
    expect(org.lines.join('\n')).not.toContain('"abc"');

    await org.stop();
    await org.start({ BOOTSTRAP_ADMIN_PASSWORD: 'Bootstrap-Pass-42' });
    await stack.waitHealthy(30_000);
    expect(await stack.api.login(stack.adminEmail, 'Bootstrap-Pass-42')).toEqual(
      expect.any(String),
    );
  });
});

describe('An organization left without a Master Administrator', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start('bootstrap-nomaster');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is explained by /health and fixed by the documented recovery command', async () => {
    const master = await stack.adminToken();
    const me = (await stack.api.get('/api/v1/me', master)).body as { organizationId: string };
    // Database surgery: the bootstrap administrator is an Administrator now, and nobody is a master.
    await queryDatabase(
      stack.env.databases.org,
      `UPDATE accounts SET role = 'admin' WHERE organization_id = $1 AND role = 'master_admin'`,
      [me.organizationId],
    );
    const org = stack.services.org;
    await org.stop();
    const from = org.lines.length;
    await org.start();

    // The bootstrap does not make its administrator again; it says what is wrong and what to do.
    // Until the bootstrap's first attempt ends, org says "starting"; a loaded machine shows it.
    const wedged = await healthWithOrg(stack, (body) => {
      const reason = body.checks?.org?.explanations?.bootstrap?.reason;
      return reason !== undefined && reason !== 'starting';
    });
    expect(wedged.status).toBe(503);
    expect((wedged.body as HealthBody).checks!.org!.explanations!.bootstrap).toEqual({
      reason: 'the first organization has no enabled Master Administrator',
      action: expect.stringContaining('npm run org:restore-master -- --email'),
    });
    await org.waitForLine(
      /the bootstrap cannot finish: the first organization has no enabled Master Administrator/,
      {
        from,
      },
    );
    expect(org.lines.slice(from).filter((line) => line.includes('cannot finish'))).toHaveLength(1);
    const masters = await queryDatabase(
      stack.env.databases.org,
      `SELECT id FROM accounts WHERE role = 'master_admin'`,
    );
    expect(masters).toEqual([]);

    const unknown = await restoreMaster(stack, 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ADMINISTRATOR_NOT_FOUND');

    const restored = await restoreMaster(stack, stack.adminEmail.toUpperCase());
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({
      email: stack.adminEmail,
      organizationId: me.organizationId,
      role: 'master_admin',
      enabled: true,
    });
    await stack.waitHealthy(15_000);
    const token = await stack.adminToken();
    expect((await stack.api.get('/api/v1/me', token)).body.role).toBe('master_admin');

    // Never above a working Master Administrator: a second run is refused.
    const again = await restoreMaster(stack, stack.adminEmail);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('CONFLICT');
  });

  it('two restores of one organization at once make one Master Administrator (50 rounds)', async () => {
    const master = await stack.adminToken();
    const me = (await stack.api.get('/api/v1/me', master)).body as { organizationId: string };
    const others = [
      await createAdministrator(stack.api, master),
      await createAdministrator(stack.api, master),
    ] as { email: string }[];
    const org = new RpcClient('org', {
      url: stack.env.vars.RABBITMQ_URL,
      prefix: stack.env.prefix,
      timeoutMs: 10_000,
    });
    try {
      for (let round = 0; round < 50; round++) {
        await queryDatabase(
          stack.env.databases.org,
          `UPDATE accounts SET role = 'admin' WHERE organization_id = $1 AND role = 'master_admin'`,
          [me.organizationId],
        );
        const outcomes = await Promise.allSettled(
          others.map(({ email }) => org.send(OrgPatterns.administratorRestoreMaster, { email })),
        );
        const refused = outcomes.filter((o) => o.status === 'rejected');
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(refused[0].reason).toMatchObject({ code: 'CONFLICT' });
        const masters = await queryDatabase(
          stack.env.databases.org,
          `SELECT id FROM accounts WHERE organization_id = $1 AND role = 'master_admin' AND enabled`,
          [me.organizationId],
        );
        expect(masters).toHaveLength(1);
      }
    } finally {
      await org.close();
    }
  });
});
