import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { CreateOrganizationCommand, CreateOrganizationReply, OrgPatterns } from '@app/contracts';
import {
  CommonSettings,
  PasswordSealer,
  RpcClient,
  loadSettingsOrExit,
  toFieldErrors,
} from '@app/platform';
import { cliRpcOptions, runCli, usageError } from './run-cli';

/**
 * npm run org:create -- --name NAME --admin-email EMAIL --admin-password PASSWORD [--admin-name NAME]
 *
 * Creates a further organization and its Master Administrator through the running org and
 * identity services (the same messages as everything else; the password travels sealed).
 * Running it again with the same name and email answers the first result.
 */
async function main(): Promise<number> {
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
    return usageError(
      'npm run org:create -- --name NAME --admin-email EMAIL --admin-password PASSWORD',
      problems,
    );
  }

  const options = cliRpcOptions(settings);
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
  } finally {
    await Promise.allSettled([identity.close(), org.close()]);
  }
}

runCli(main);
