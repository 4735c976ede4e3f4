import { schemaDifference } from '../../../test/support/schema-check';
import { entities, migrations } from '../src/database/schema';

describe('org: migrations and entities', () => {
  it('agree: after every migration, the entities need no further change', async () => {
    await expect(schemaDifference('org', { entities, migrations })).resolves.toEqual([]);
  });
});
