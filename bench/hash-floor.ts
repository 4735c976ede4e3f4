import { hash } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import { ARGON2_OPTIONS } from '../services/identity/src/credentials/argon2-options';
import { inParallel, timed } from './measure';

/**
 * The floor of an import: `count` argon2id hashes with the project's own parameters, as many
 * at once as the machine has cores, best of `attempts`. No import can create technicians
 * faster than this.
 */
export async function hashFloor(
  count: number,
  attempts = 3,
): Promise<{ ms: number; concurrency: number; attemptsMs: number[] }> {
  const concurrency = availableParallelism();
  const passwords = Array.from({ length: count }, (_, i) => `Floor-${i}-password-7q`);
  const attemptsMs: number[] = [];
  // The best of a few runs: a floor is what the machine can do, not what it did once.
  for (let attempt = 0; attempt < attempts; attempt++) {
    const { ms } = await timed(() =>
      inParallel(passwords, concurrency, async (password) => {
        await hash(password, ARGON2_OPTIONS);
      }),
    );
    attemptsMs.push(ms);
  }
  return { ms: Math.min(...attemptsMs), concurrency, attemptsMs };
}
