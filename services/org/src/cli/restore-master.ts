import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AdministratorView, OrgPatterns, RestoreMasterAdministratorCommand } from '@app/contracts';
import {
  CommonSettings,
  loadSettingsOrExit,
  RpcCallError,
  RpcClient,
  toFieldErrors,
} from '@app/platform';

/**
 * npm run org:restore-master -- --email EMAIL
 *
 * The way out of an organization left without an enabled Master Administrator (for
 * example the bootstrap's, after its administrator was changed by hand): makes the
 * administrator with this email its enabled Master Administrator, through the running org
 * service. Refused when the organization has one. Running it again answers CONFLICT.
 */
async function main(): Promise<number> {
  // The answer goes to stdout alone; the transport's connection chatter is not for this terminal.
  Logger.overrideLogger(['error']);
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  const settings = loadSettingsOrExit(CommonSettings, 'org:restore-master');
  const command = { email: values.email };
  const problems = toFieldErrors(
    await validate(plainToInstance(RestoreMasterAdministratorCommand, command)),
  );
  if (problems.length > 0) {
    process.stderr.write(
      `usage: npm run org:restore-master -- --email EMAIL\n` +
        problems.map((p) => `  ${p.field}: ${p.message}`).join('\n') +
        '\n',
    );
    return 2;
  }

  const org = new RpcClient('org', {
    url: settings.RABBITMQ_URL,
    prefix: settings.QUEUE_PREFIX,
    timeoutMs: settings.RPC_TIMEOUT_MS * 3,
  });
  try {
    const view = await org.send<AdministratorView>(OrgPatterns.administratorRestoreMaster, command);
    process.stdout.write(
      `${JSON.stringify({ id: view.id, organizationId: view.organizationId, email: view.email, role: view.role, enabled: view.enabled })}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof RpcCallError)) throw err;
    process.stderr.write(`${err.code}: ${err.message}\n`);
    return 1;
  } finally {
    await org.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
