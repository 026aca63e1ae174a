import argon2 from 'argon2';

/**
 * argon2id with OWASP's 19 MiB / t=2 / p=1 profile: the cheaper-RAM choice on a 2-core box. Hashes run one at
 * a time so a burst of logins can't take the memory of the whole server.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn);
  queue = run.catch(() => undefined);
  return run;
}

export function hashPassword(password: string): Promise<string> {
  return oneAtATime(() => argon2.hash(password, OPTIONS));
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return oneAtATime(() => argon2.verify(hash, password).catch(() => false));
}

/** A hash to verify against when the user doesn't exist, so timing doesn't tell which usernames exist. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-at-all');
  return dummyHash;
}
