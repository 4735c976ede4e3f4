import { RpcException } from '@nestjs/microservices';
import { ErrorCodes } from '@app/contracts';
import { RpcCallError } from './rpc-call.error';
import { settleItem } from './settle-item';

describe('settleItem', () => {
  const refusal = { code: ErrorCodes.PASSWORD_POLICY, message: 'too weak' };

  it('answers the reply of an item that succeeded', async () => {
    await expect(settleItem(() => 42)).resolves.toEqual({ ok: true, reply: 42 });
  });

  it("answers the handler's own refusal as the item's result", async () => {
    await expect(
      settleItem(() => {
        throw new RpcException(refusal);
      }),
    ).resolves.toEqual({ ok: false, error: refusal });
  });

  it("answers another service's refusal, passed on, as the item's result", async () => {
    await expect(
      settleItem(() => {
        throw new RpcCallError(refusal, 'identity');
      }),
    ).resolves.toEqual({ ok: false, error: refusal });
  });

  it('fails the whole batch when an answer never came (the outcome is unknown)', async () => {
    const unknown = new RpcCallError(
      { code: ErrorCodes.SERVICE_UNAVAILABLE, message: 'no answer' },
      'identity',
    );
    await expect(
      settleItem(() => {
        throw unknown;
      }),
    ).rejects.toBe(unknown);
  });

  it('fails the whole batch on anything else', async () => {
    const down = new Error('connection refused');
    await expect(
      settleItem(() => {
        throw down;
      }),
    ).rejects.toBe(down);
  });
});
