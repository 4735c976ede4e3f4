import { schemaDifference } from '../../../test/support/schema-check';
import { entities, migrations } from '../src/database/schema';

describe('identity: migrations and entities', () => {
  it('agree: after every migration, the entities need no further change', async () => {
    await expect(schemaDifference('identity', { entities, migrations })).resolves.toEqual([]);
  });
});
