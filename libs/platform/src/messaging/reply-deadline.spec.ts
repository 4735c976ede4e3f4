import type { ConsumeMessage } from 'amqplib';
import { callerGaveUp, REPLY_BY_HEADER, replyByHeaders } from './reply-deadline';

const request = (headers: Record<string, unknown>, replyTo = 'amq.rabbitmq.reply-to.x') =>
  ({ properties: { replyTo, headers } }) as unknown as ConsumeMessage;

describe('a request its caller stopped waiting for', () => {
  const now = 1_800_000_000_000;

  it('is the one whose reply-by has passed, by more than a second of clock skew', () => {
    expect(callerGaveUp(request({ [REPLY_BY_HEADER]: String(now - 1_001) }), now)).toBe(true);
    expect(callerGaveUp(request({ [REPLY_BY_HEADER]: String(now - 1_000) }), now)).toBe(false);
    expect(callerGaveUp(request({ [REPLY_BY_HEADER]: String(now + 5_000) }), now)).toBe(false);
  });

  it('is never a message without a reply-by, or with one that is not a time', () => {
    expect(callerGaveUp(request({}), now)).toBe(false);
    expect(callerGaveUp(request({ [REPLY_BY_HEADER]: 'soon' }), now)).toBe(false);
    expect(callerGaveUp(request({ [REPLY_BY_HEADER]: '-5' }), now)).toBe(false);
  });

  it('is never a command queued without a reply (nobody waits for those)', () => {
    expect(callerGaveUp(request({ [REPLY_BY_HEADER]: String(now - 60_000) }, ''), now)).toBe(false);
  });

  it('is stated by the caller as the moment it stops waiting', () => {
    const before = Date.now();
    const replyBy = Number(replyByHeaders(3_000)[REPLY_BY_HEADER]);
    expect(replyBy).toBeGreaterThanOrEqual(before + 3_000);
    expect(replyBy).toBeLessThanOrEqual(Date.now() + 3_000);
  });
});
