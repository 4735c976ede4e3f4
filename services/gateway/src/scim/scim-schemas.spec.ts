import { PATH_METADATA } from '@nestjs/common/constants';
import type { TechnicianView } from '@app/contracts';
import { SCIM_FILTER_MAX_LENGTH } from './scim-filter';
import { toScimGroup } from './scim-group';
import { ScimGroupsController } from './scim-groups.controller';
import { SCIM_MAX_RESULTS } from './scim-list';
import { SCIM_MAX_OPERATIONS } from './scim-patch';
import {
  GROUP_SCHEMA_DESCRIPTION,
  RESOURCE_TYPES,
  ScimAttribute,
  SCHEMAS,
  SERVICE_PROVIDER_CONFIG,
  TECHNICIAN_EXTENSION_DESCRIPTION,
  USER_SCHEMA_DESCRIPTION,
} from './scim-schemas';
import { TECHNICIAN_EXTENSION, toScimUser } from './scim-user';
import { ScimUsersController } from './scim-users.controller';

const technician: TechnicianView = {
  id: '2819c223-7f76-453a-919d-413861904646',
  organizationId: '00000000-0000-4000-8000-000000000001',
  groupId: '00000000-0000-4000-8000-000000000002',
  name: 'Ada Lovelace',
  nickname: 'Ada',
  email: 'ada@example.com',
  ssoId: null,
  description: '',
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
  permissions: [],
  createdAt: '2026-12-07T00:00:00.000Z',
  updatedAt: '2026-12-07T00:00:00.000Z',
  directory: {
    externalId: 'ada',
    emails: [{ value: 'ada@example.com', type: 'work', display: 'Ada', primary: true }],
    name: {
      formatted: 'Ada Lovelace',
      familyName: 'Lovelace',
      givenName: 'Ada',
      middleName: 'Augusta',
      honorificPrefix: 'Hon.',
      honorificSuffix: 'FRS',
    },
  },
};

/** The attributes a resource answers, as RFC 7643 names them (schemas, id, externalId and meta are common). */
function answered(resource: object): string[] {
  return Object.entries(resource)
    .filter(
      ([key]) => !['schemas', 'id', 'externalId', 'meta'].includes(key) && !key.startsWith('urn:'),
    )
    .flatMap(([key, value]) => [key, ...subAttributes(key, value)])
    .sort();
}

/** `name.givenName`, `emails.value`: the keys of a complex attribute (each value, if many). */
function subAttributes(key: string, value: unknown): string[] {
  const values = (Array.isArray(value) ? value : [value]).filter(
    (v): v is object => typeof v === 'object' && v !== null,
  );
  return [...new Set(values.flatMap((v) => Object.keys(v)))].map((sub) => `${key}.${sub}`);
}

function described(schema: { attributes: ScimAttribute[] }): string[] {
  return schema.attributes
    .filter((a) => a.returned !== 'never')
    .flatMap((a) => [
      a.name,
      ...(a.subAttributes ?? [])
        .filter((sub) => sub.returned !== 'never')
        .map((sub) => `${a.name}.${sub.name}`),
    ])
    .sort();
}

describe('SCIM discovery describes exactly what the code does', () => {
  it('/Schemas: the User answers exactly the attributes its schema says it returns', () => {
    const user = toScimUser(technician, 'https://x/scim/v2');
    expect(answered(user)).toEqual(described(USER_SCHEMA_DESCRIPTION));
    expect(Object.keys(user[TECHNICIAN_EXTENSION]).sort()).toEqual(
      described(TECHNICIAN_EXTENSION_DESCRIPTION),
    );
    expect(user.schemas).toEqual([USER_SCHEMA_DESCRIPTION.id, TECHNICIAN_EXTENSION_DESCRIPTION.id]);
  });

  it('/Schemas: the Group answers exactly the attributes its schema says it returns', () => {
    const group = toScimGroup({ id: technician.groupId, name: 'Tier 2' }, 'https://x', [
      technician,
    ]);
    expect(answered(group)).toEqual(described(GROUP_SCHEMA_DESCRIPTION));
    expect(group.schemas).toEqual([GROUP_SCHEMA_DESCRIPTION.id]);
  });

  it('/ResourceTypes: User first, then Group, each at the path its controller serves, with a published schema', () => {
    expect(RESOURCE_TYPES.map((type) => type.id)).toEqual(['User', 'Group']);
    const paths = [ScimUsersController, ScimGroupsController].map(
      (controller) =>
        `/${(Reflect.getMetadata(PATH_METADATA, controller) as string).split('/').pop()}`,
    );
    expect(RESOURCE_TYPES.map((type) => type.endpoint)).toEqual(paths);
    const published = SCHEMAS.map((schema) => schema.id);
    for (const type of RESOURCE_TYPES) {
      expect(published).toContain(type.schema);
      for (const extension of type.schemaExtensions) expect(published).toContain(extension.schema);
    }
  });

  it("/ServiceProviderConfig: the limits and features are the code's", () => {
    expect(SERVICE_PROVIDER_CONFIG.filter).toEqual({
      supported: true,
      maxResults: SCIM_MAX_RESULTS,
    });
    expect(SERVICE_PROVIDER_CONFIG.bulk.supported).toBe(false);
    expect(SERVICE_PROVIDER_CONFIG.sort.supported).toBe(false);
    expect(SERVICE_PROVIDER_CONFIG.etag.supported).toBe(false);
    expect(SERVICE_PROVIDER_CONFIG.changePassword.supported).toBe(false);
    expect(SERVICE_PROVIDER_CONFIG['urn:rac:params:scim:limits']).toMatchObject({
      maxOperations: SCIM_MAX_OPERATIONS,
      maxFilterLength: SCIM_FILTER_MAX_LENGTH,
    });
  });
});
