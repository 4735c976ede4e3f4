// oidcProvider uses Jest's globals; the browser suite (no Jest types) imports startOidcOp only.
/// <reference types="jest" />
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../service-process';
import { waitFor } from '../wait-for';

export interface OidcClientRegistration {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** The test OpenID Provider (oidc-op-server.mjs) as a test file sees it, once its beforeAll has run. */
export interface OidcOp {
  issuer: string;
  /** What it wrote on stderr, for a failing test's message. */
  errors: string[];
}

/**
 * Declares, in the `describe` it is called in, a real OpenID Provider (oidc-provider) started in
 * a process of its own before the tests and killed after them. `clients` is read in its beforeAll,
 * so that it can use what an earlier beforeAll made (the organization of the redirect URI).
 */
export function oidcProvider(clients: () => OidcClientRegistration[]): OidcOp {
  const op: OidcOp = { issuer: '', errors: [] };
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    const started = await startOidcOp(clients(), op.errors);
    child = started.child;
    op.issuer = started.issuer;
  });
  afterAll(async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  });
  return op;
}

/** Spawns oidc-op-server.mjs; resolves with its issuer when it printed it. */
export async function startOidcOp(
  clients: OidcClientRegistration[],
  errors: string[] = [],
): Promise<{ issuer: string; child: ChildProcess }> {
  // Node (not Jest) runs it: oidc-provider is ES modules only.
  const child = spawn(process.execPath, [path.join(ROOT, 'test/support/idp/oidc-op-server.mjs')], {
    env: { PATH: process.env.PATH ?? '', OIDC_OP_CONFIG: JSON.stringify({ clients }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
  const line = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`oidc-op exited: ${errors.join('')}`);
      return out.includes('\n') ? out.slice(0, out.indexOf('\n')) : undefined;
    },
    {
      timeoutMs: 20_000,
      what: 'the test OpenID Provider to start',
      stopOn: (err) => err instanceof Error && err.message.startsWith('oidc-op exited'),
    },
  );
  const { issuer } = JSON.parse(line) as { issuer: string };
  return { issuer, child };
}
