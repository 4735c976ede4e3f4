import { availableParallelism } from 'node:os';

/*
 * argon2 runs on libuv's thread pool (4 threads by default), which also serves DNS lookups
 * and file reads. Sized before its first use, so that every hash slot has a thread and
 * something is left for the rest. Imported first by main.ts.
 */
const hashSlots = Number(process.env.IDENTITY_HASH_CONCURRENCY) || availableParallelism();
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, hashSlots + 2));
