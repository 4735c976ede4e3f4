import { Logger } from '@nestjs/common';
import type { FieldError } from '@app/contracts';
import { CommonSettings, RpcCallError, RpcClientOptions } from '@app/platform';

/**
 * Runs an operator command (`npm run org:*`) and exits with its code: 0 done, 1 refused by
 * a service (`CODE: message`, then the fields), 2 a wrong command line. Only the answer
 * goes to stdout: the transport's connection chatter is not for this terminal.
 */
export function runCli(main: () => Promise<number>): void {
  Logger.overrideLogger(['error']);
  main()
    .catch((err: unknown) => {
      if (!(err instanceof RpcCallError)) throw err;
      const fields = (err.errors ?? []).map((e) => `  ${e.field}: ${e.message}`);
      process.stderr.write([`${err.code}: ${err.message}`, ...fields].join('\n') + '\n');
      return 1;
    })
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      },
    );
}

/** Prints the usage and what was wrong with the command line; the exit code to return. */
export function usageError(usage: string, problems: FieldError[]): number {
  process.stderr.write(
    `usage: ${usage}\n` + problems.map((p) => `  ${p.field}: ${p.message}`).join('\n') + '\n',
  );
  return 2;
}

/** How a command reaches the running services: longer waits than a service's own calls. */
export function cliRpcOptions(settings: CommonSettings): RpcClientOptions {
  return {
    url: settings.RABBITMQ_URL,
    prefix: settings.QUEUE_PREFIX,
    timeoutMs: settings.RPC_TIMEOUT_MS * 3,
  };
}
