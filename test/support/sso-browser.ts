/**
 * A small user agent for Single Sign-On tests without Chromium: keeps cookies (per host,
 * without paths or expiry: enough for one sign-in), follows redirects, reads and submits
 * HTML forms (a provider's login page, a SAML auto-post page). What a test needs to walk a
 * sign-in from `start` through the provider to `complete`, step by step or at once.
 */
export interface Page {
  url: string;
  status: number;
  text: string;
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class SsoBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(readonly gatewayUrl: string) {}

  /** One request, no redirect followed; cookies kept and sent. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.gatewayUrl);
    const headers = new Headers(init.headers);
    const cookies = this.jar.get(target.host);
    if (cookies?.size) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.keep(target.host, line);
    return response;
  }

  /** Requests and follows redirects (303 and 302 as GET), to the page where they end. */
  async navigate(url: string, init: RequestInit = {}): Promise<Page> {
    let current = new URL(url, this.gatewayUrl).toString();
    let next = init;
    for (let hops = 0; hops < 20; hops++) {
      const response = await this.request(current, next);
      if (!REDIRECTS.has(response.status)) {
        return { url: current, status: response.status, text: await response.text() };
      }
      await response.arrayBuffer();
      current = new URL(response.headers.get('location')!, current).toString();
      if (response.status !== 307 && response.status !== 308) next = {};
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits a form as a browser would (fields overridden by `values`), following redirects. */
  submit(page: Page, form: HtmlForm, values: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams({ ...form.fields, ...values });
    const action = new URL(form.action || page.url, page.url).toString();
    if (form.method === 'get') return this.navigate(`${action.split('?')[0]}?${body.toString()}`);
    return this.navigate(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  /** POSTs JSON to the gateway and answers the status and parsed body. */
  async postJson<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }> {
    const response = await this.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** The sign-in page the gateway sent the browser to, with its handoff or error. */
  static landing(page: Page): { handoff?: string; error?: string; reason?: string } {
    const url = new URL(page.url);
    if (url.pathname !== '/sign-in/sso') throw new Error(`ended at ${page.url}, not /sign-in/sso`);
    return {
      handoff: url.searchParams.get('handoff') ?? undefined,
      error: url.searchParams.get('error') ?? undefined,
      reason: url.searchParams.get('reason') ?? undefined,
    };
  }

  /** Takes the outcome of a flow at the gateway, as the sign-in page does. */
  complete(handoff: string) {
    return this.postJson('/api/v1/auth/sso/complete', { handoff });
  }

  hasCookie(host: string, name: string): boolean {
    return this.jar.get(host)?.has(name) ?? false;
  }

  private keep(host: string, line: string): void {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    const expired = attributes.some(
      (a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a),
    );
    if (expired || value === '') cookies.delete(name);
    else cookies.set(name, value);
    this.jar.set(host, cookies);
  }
}

/** The forms of an HTML page: action, method and the fields with their values. */
export function formsOf(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = match[1];
    const fields: Record<string, string> = {};
    for (const input of match[2].matchAll(/<(?:input|textarea|button)\b([^>]*)>/gi)) {
      const name = attributeOf(input[1], 'name');
      if (name !== undefined) fields[name] = attributeOf(input[1], 'value') ?? '';
    }
    forms.push({
      action: decodeEntities(attributeOf(attributes, 'action') ?? ''),
      method: (attributeOf(attributes, 'method') ?? 'get').toLowerCase(),
      fields,
    });
  }
  return forms;
}

function attributeOf(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(
    attributes,
  );
  if (!match) return undefined;
  return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x2F;/g, '/')
    .replace(/&amp;/g, '&');
}
