import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../service-process';

type Pending = Record<string, string>;

/**
 * The built OidcProtocol of identity, driven from a Jest test through oidc-rp-child.js (Jest
 * cannot load openid-client, an ES module). Needs `npm run build`.
 */
export class OidcRelyingParty {
  private next = 0;
  private readonly waiting = new Map<number, (answer: RpAnswer) => void>();

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const { id, ...answer } = JSON.parse(line) as RpAnswer & { id: number };
      this.waiting.get(id)?.(answer);
      this.waiting.delete(id);
    });
  }

  static start(): OidcRelyingParty {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/support/idp/oidc-rp-child.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    return new OidcRelyingParty(child);
  }

  start(
    config: RpConfig,
    context: RpContext,
  ): Promise<RpAnswer<{ redirectUrl: string; pending: Pending }>> {
    return this.call('start', [config, context]);
  }

  finish(
    config: RpConfig,
    context: RpContext,
    pending: Pending,
    callbackUrl: string,
  ): Promise<RpAnswer<{ ssoId: string }>> {
    return this.call('finish', [config, context, pending, { callbackUrl }]);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  private call<T>(op: string, args: unknown[]): Promise<RpAnswer<T>> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (answer: RpAnswer) => void);
      this.child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }
}

export interface RpConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  ssoIdClaim: string;
}

export interface RpContext {
  organizationId: string;
  publicUrl: string;
  state: string;
}

export interface RpAnswer<T = unknown> {
  result?: T;
  error?: { reason: string; message: string };
}

/**
 * A browser at the provider, in Node: from the authorization URL, follows its redirects,
 * signs in as `username` on the test OpenID Provider's page when it shows it, and stops at the
 * first address outside the provider: the callback, with its code and state.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  username: string,
): Promise<string> {
  const provider = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  const request = async (url: string, form?: URLSearchParams): Promise<Response> => {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  let url = authorizationUrl;
  for (let hops = 0; hops < 10; hops++) {
    if (new URL(url).origin !== provider) return url;
    let res = await request(url);
    if (res.status === 200) {
      const action = /<form[^>]*action="([^"]+)"/.exec(await res.text())?.[1];
      if (!action) throw new Error(`no sign-in form at ${url}`);
      res = await request(new URL(action, url).href, new URLSearchParams({ username }));
    }
    const location = res.headers.get('location');
    if (!location)
      throw new Error(`the provider answered ${res.status} at ${url}: ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}
