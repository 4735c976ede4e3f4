import { startSsoSignIn } from '../api/sign-in';
import { safeNext } from './safe-next';

/** Where to go after the provider: the provider's round trip cannot carry it. */
const NEXT_KEY = 'rac.sso-next';

/** Begins a sign-in through the email's organization's provider: the browser leaves the app. */
export async function goToProvider(email: string, next: string | null): Promise<void> {
  const redirectUrl = await startSsoSignIn(email);
  sessionStorage.setItem(NEXT_KEY, safeNext(next));
  window.location.assign(redirectUrl);
}

/** The page the sign-in began from (once), checked again: sessionStorage is the page's to write. */
export function takeNextAfterProvider(): string {
  const next = sessionStorage.getItem(NEXT_KEY);
  sessionStorage.removeItem(NEXT_KEY);
  return safeNext(next);
}
