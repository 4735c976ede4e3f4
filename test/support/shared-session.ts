let current: unknown;

/** Called by a family's entry spec: the one session its parts share. */
export function provideSession<T>(session: T): T {
  current = session;
  return session;
}

/** Called by a part (test/e2e/<family>/*.cases.ts) while the entry spec loads it. */
export function sharedSession<T>(): T {
  if (!current) throw new Error('load this part from its entry spec');
  return current as T;
}
