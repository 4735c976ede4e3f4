/**
 * The signed-in session: the access token and when it expires, kept in sessionStorage (one
 * tab, gone when it closes). It ends when the token expires (a timer, so the page does not
 * wait for a failed request), when the API answers 401, or on sign-out.
 */
export type SessionEndReason = 'expired' | 'signed-out';

interface Stored {
  token: string;
  expiresAt: number;
}

const KEY = 'rac.session';
const listeners = new Set<(reason: SessionEndReason) => void>();
const startListeners = new Set<() => void>();
/** Listeners that also want an end that came before them (onEndReplayed). */
const replayListeners = new Set<(reason: SessionEndReason) => void>();
/** An end no replay listener has heard yet: one before the first render (a refused early request). */
let unheardEnd: SessionEndReason | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function read(): Stored | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return stored && stored.expiresAt > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

function schedule(stored: Stored | undefined): void {
  clearTimeout(timer);
  if (stored) timer = setTimeout(() => session.end('expired'), stored.expiresAt - Date.now());
}

export const session = {
  token(): string | undefined {
    return read()?.token;
  },

  start(token: string, expiresInSeconds: number): void {
    const stored = { token, expiresAt: Date.now() + expiresInSeconds * 1000 };
    sessionStorage.setItem(KEY, JSON.stringify(stored));
    schedule(stored);
    unheardEnd = undefined;
    startListeners.forEach((listener) => listener());
  },

  /** Told when a session starts (another account may have signed in in this tab). */
  onStart(listener: () => void): () => void {
    startListeners.add(listener);
    return () => startListeners.delete(listener);
  },

  end(reason: SessionEndReason): void {
    const hadSession = sessionStorage.getItem(KEY) !== null;
    sessionStorage.removeItem(KEY);
    clearTimeout(timer);
    if (!hadSession) return;
    unheardEnd = replayListeners.size ? undefined : reason;
    listeners.forEach((listener) => listener(reason));
    replayListeners.forEach((listener) => listener(reason));
  },

  onEnd(listener: (reason: SessionEndReason) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** Like onEnd, and told at once of an end that came before any such listener. */
  onEndReplayed(listener: (reason: SessionEndReason) => void): () => void {
    replayListeners.add(listener);
    if (unheardEnd) {
      const reason = unheardEnd;
      unheardEnd = undefined;
      listener(reason);
    }
    return () => replayListeners.delete(listener);
  },

  /** Re-arms the expiry timer after a page load. */
  resume(): void {
    const stored = read();
    if (!stored) sessionStorage.removeItem(KEY);
    schedule(stored);
  },
};
