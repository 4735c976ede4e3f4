import { rowOrigin } from './row-origin';

describe('rowOrigin', () => {
  const importId = '7f9c2b1e-4d7a-4b8e-9c1d-2a3b4c5d6e7f';

  it("narrows an import's origin to the item's row", () => {
    expect(rowOrigin({ channel: 'import', importId }, 12)).toEqual({
      channel: 'import',
      importId,
      row: 12,
    });
  });

  it('leaves an origin without a row, or of another channel, as it is', () => {
    expect(rowOrigin({ channel: 'import', importId }, undefined)).toEqual({
      channel: 'import',
      importId,
    });
    expect(rowOrigin({ channel: 'amqp', brokerUser: 'team-a' }, 3)).toEqual({
      channel: 'amqp',
      brokerUser: 'team-a',
    });
    expect(rowOrigin(undefined, 3)).toBeUndefined();
  });
});
