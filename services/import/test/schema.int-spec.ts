import { schemaDifference } from '../../../test/support/schema-check';
import { entities, migrations } from '../src/database/schema';

describe('import: migrations and entities', () => {
  it('agree: after every migration, the entities need no further change', async () => {
    await expect(schemaDifference('import', { entities, migrations })).resolves.toEqual([]);
  });
});
