import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AdministratorView, OrgPatterns, RestoreMasterAdministratorCommand } from '@app/contracts';
import { CommonSettings, loadSettingsOrExit, RpcClient, toFieldErrors } from '@app/platform';
import { cliRpcOptions, runCli, usageError } from './run-cli';

/**
 * npm run org:restore-master -- --email EMAIL
 *
 * The way out of an organization left without an enabled Master Administrator (for
 * example the bootstrap's, after its administrator was changed by hand): makes the
 * administrator with this email its enabled Master Administrator, through the running org
 * service. Refused when the organization has one. Running it again answers CONFLICT.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  const settings = loadSettingsOrExit(CommonSettings, 'org:restore-master');
  const command = { email: values.email };
  const problems = toFieldErrors(
    await validate(plainToInstance(RestoreMasterAdministratorCommand, command)),
  );
  if (problems.length > 0)
    return usageError('npm run org:restore-master -- --email EMAIL', problems);

  const org = new RpcClient('org', cliRpcOptions(settings));
  try {
    const view = await org.send<AdministratorView>(OrgPatterns.administratorRestoreMaster, command);
    process.stdout.write(
      `${JSON.stringify({ id: view.id, organizationId: view.organizationId, email: view.email, role: view.role, enabled: view.enabled })}\n`,
    );
    return 0;
  } finally {
    await org.close();
  }
}

runCli(main);
