import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { CreateOrganizationCommand, CreateOrganizationReply, OrgPatterns } from '@app/contracts';
import {
  CommonSettings,
  PasswordSealer,
  RpcCallError,
  RpcClient,
  loadSettingsOrExit,
  toFieldErrors,
} from '@app/platform';

/**
 * npm run org:create -- --name NAME --admin-email EMAIL --admin-password PASSWORD [--admin-name NAME]
 *
 * Creates a further organization and its Master Administrator through the running org and
 * identity services (the same messages as everything else; the password travels sealed).
 * Running it again with the same name and email answers the first result.
 */
async function main(): Promise<number> {
  // The answer goes to stdout alone; the transport's connection chatter is not for this terminal.
  Logger.overrideLogger(['error']);
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const settings = loadSettingsOrExit(CommonSettings, 'org:create');
  const password = values['admin-password'];
  const fields = {
    name: values.name,
    adminEmail: values['admin-email'],
    adminName: values['admin-name'],
    idempotencyKey: `cli:${createHash('sha256').update(`${values.name}\n${values['admin-email']}`).digest('hex').slice(0, 32)}`,
  };
  const problems = toFieldErrors(
    await validate(
      plainToInstance(CreateOrganizationCommand, { ...fields, sealedAdminPassword: 'x' }),
      {
        stopAtFirstError: true,
      },
    ),
  ).filter((e) => e.field !== 'sealedAdminPassword');
  if (typeof password !== 'string')
    problems.push({ field: 'admin-password', code: 'REQUIRED', message: 'is required' });
  if (problems.length > 0) {
    process.stderr.write(
      `usage: npm run org:create -- --name NAME --admin-email EMAIL --admin-password PASSWORD\n` +
        problems.map((p) => `  ${p.field}: ${p.message}`).join('\n') +
        '\n',
    );
    return 2;
  }

  const options = {
    url: settings.RABBITMQ_URL,
    prefix: settings.QUEUE_PREFIX,
    timeoutMs: settings.RPC_TIMEOUT_MS * 3,
  };
  const identity = new RpcClient('identity', options);
  const org = new RpcClient('org', options);
  try {
    const reply = await new PasswordSealer(identity).withSealed(password!, (sealedAdminPassword) =>
      org.send<CreateOrganizationReply>(OrgPatterns.organizationCreate, {
        ...fields,
        sealedAdminPassword,
      }),
    );
    process.stdout.write(`${JSON.stringify({ ...reply, adminEmail: fields.adminEmail })}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof RpcCallError)) throw err;
    process.stderr.write(
      `${err.code}: ${err.message}\n${(err.errors ?? []).map((e) => `  ${e.field}: ${e.message}`).join('\n')}\n`,
    );
    return 1;
  } finally {
    await Promise.allSettled([identity.close(), org.close()]);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
