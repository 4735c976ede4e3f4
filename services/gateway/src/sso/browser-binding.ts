import type { Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'cookie';

const COOKIE = 'rac_sso';
/** Sent to the complete step only: nothing else needs it. */
const COOKIE_PATH = '/api/v1/auth/sso';
const MAX_AGE_SECONDS = 15 * 60;

/**
 * What binds a Single Sign-On flow to the browser that began it: a random secret in an
 * HttpOnly cookie, whose SHA-256 identity keeps with the flow. The outcome (an access token)
 * is handed only to a request bearing it: a link of the provider's answer opened in another
 * browser, or an answer of another person's flow, signs nobody in. SameSite=Lax: the
 * complete step is a same-origin request, the provider's redirect a top-level navigation.
 */
export function bindBrowser(response: Response, secure: boolean): string {
  const secret = randomBytes(32).toString('base64url');
  response.cookie(COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: COOKIE_PATH,
    maxAge: MAX_AGE_SECONDS * 1000,
  });
  return createHash('sha256').update(secret).digest('hex');
}

/** The browser's secret, if it has one of the right shape. */
export function browserSecretOf(request: Request): string | undefined {
  const value = parse(request.headers.cookie ?? '')[COOKIE];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function forgetBinding(response: Response, secure: boolean): void {
  response.clearCookie(COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: COOKIE_PATH });
}
