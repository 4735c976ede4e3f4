import { DESCRIPTION_MAX_LENGTH } from '@app/contracts';
import { SCIM_FILTER_MAX_LENGTH } from './scim-filter';
import { SCIM_MAX_RESULTS } from './scim-list';
import { PATCH_OP_SCHEMA, SCIM_MAX_OPERATIONS } from './scim-patch';
import { GROUP_SCHEMA } from './scim-group';
import { TECHNICIAN_EXTENSION, USER_SCHEMA } from './scim-user';
import { NAME_PARTS } from './scim-user-directory';

const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** An attribute as RFC 7643 §7 describes one. */
export interface ScimAttribute {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: ScimAttribute[];
}

function attribute(
  name: string,
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference',
  fields: {
    required?: boolean;
    caseExact?: boolean;
    mutability?: string;
    returned?: string;
    uniqueness?: string;
    multiValued?: boolean;
    description: string;
    subAttributes?: ScimAttribute[];
  },
): ScimAttribute {
  return {
    name,
    type,
    multiValued: fields.multiValued ?? false,
    description: fields.description,
    required: fields.required ?? false,
    caseExact: fields.caseExact ?? false,
    mutability: fields.mutability ?? 'readWrite',
    returned: fields.returned ?? 'default',
    uniqueness: fields.uniqueness ?? 'none',
    ...(fields.subAttributes ? { subAttributes: fields.subAttributes } : {}),
  };
}

/** The User as this service keeps it: a technician. */
export const USER_SCHEMA_DESCRIPTION = {
  schemas: [SCHEMA_SCHEMA],
  id: USER_SCHEMA,
  name: 'User',
  description: "A technician of the token's Technician Group or its subtree",
  attributes: [
    attribute('userName', 'string', {
      required: true,
      uniqueness: 'server',
      description: 'The sign-in email; unique, compared without regard to case',
    }),
    attribute('displayName', 'string', {
      description:
        'The Name (when absent: name.formatted, then given and family name, then userName)',
    }),
    attribute('nickName', 'string', { description: 'The Nickname' }),
    attribute('active', 'boolean', { description: 'Enabled' }),
    attribute('password', 'string', {
      mutability: 'writeOnly',
      returned: 'never',
      description:
        "Set under the organization's password policy; when none is sent, no password sign-in until an administrator sets one",
    }),
    attribute('emails', 'complex', {
      multiValued: true,
      description: 'Kept as sent (the sign-in email is userName); when none were sent, userName',
      subAttributes: [
        attribute('value', 'string', { description: 'An email' }),
        attribute('type', 'string', { description: 'As sent, e.g. "work"' }),
        attribute('display', 'string', { description: 'As sent' }),
        attribute('primary', 'boolean', { description: 'As sent' }),
      ],
    }),
    attribute('name', 'complex', {
      description:
        'Kept as sent; formatted, then givenName and familyName, make the Name when displayName is absent; when none was sent, formatted is the Name',
      subAttributes: NAME_PARTS.map((part) =>
        attribute(part, 'string', { description: 'As sent' }),
      ),
    }),
  ],
  meta: { resourceType: 'Schema', location: `/Schemas/${USER_SCHEMA}` },
};

export const TECHNICIAN_EXTENSION_DESCRIPTION = {
  schemas: [SCHEMA_SCHEMA],
  id: TECHNICIAN_EXTENSION,
  name: 'Technician',
  description: "The technician's fields that SCIM's core User has no place for",
  attributes: [
    attribute('ssoId', 'string', { caseExact: true, description: 'The Single Sign-On ID' }),
    attribute('description', 'string', {
      caseExact: true,
      description: `The Description (at most ${DESCRIPTION_MAX_LENGTH} characters)`,
    }),
    attribute('standardLicense', 'boolean', { description: 'Standard License' }),
    attribute('mobileLicense', 'boolean', { description: 'Mobile License' }),
  ],
  meta: { resourceType: 'Schema', location: `/Schemas/${TECHNICIAN_EXTENSION}` },
};

/** The Group as this service keeps it: a Technician Group. */
export const GROUP_SCHEMA_DESCRIPTION = {
  schemas: [SCHEMA_SCHEMA],
  id: GROUP_SCHEMA,
  name: 'Group',
  description: "A Technician Group of the token's subtree",
  attributes: [
    attribute('displayName', 'string', {
      required: true,
      uniqueness: 'server',
      description: 'The name; unique among the groups a token sees, without regard to case',
    }),
    attribute('members', 'complex', {
      multiValued: true,
      description:
        "The technicians directly in the group: adding one moves it here, removing it moves it back to the token's group",
      subAttributes: [
        attribute('value', 'string', {
          caseExact: true,
          mutability: 'immutable',
          description: "The User's id",
        }),
        attribute('display', 'string', { mutability: 'readOnly', description: "The User's Name" }),
        attribute('$ref', 'reference', {
          mutability: 'immutable',
          description: "The User's location",
        }),
      ],
    }),
  ],
  meta: { resourceType: 'Schema', location: `/Schemas/${GROUP_SCHEMA}` },
};

export const SCHEMAS = [
  USER_SCHEMA_DESCRIPTION,
  TECHNICIAN_EXTENSION_DESCRIPTION,
  GROUP_SCHEMA_DESCRIPTION,
];

/** User comes first: some clients read only the first resource type. */
export const RESOURCE_TYPES = [
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A technician',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: TECHNICIAN_EXTENSION, required: false }],
    meta: { resourceType: 'ResourceType', location: '/ResourceTypes/User' },
  },
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A Technician Group',
    schema: GROUP_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: 'ResourceType', location: '/ResourceTypes/Group' },
  },
];

export const SERVICE_PROVIDER_CONFIG = {
  schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A SCIM token made by a Master Administrator (POST /api/v1/scim/tokens)',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: '/ServiceProviderConfig' },
  // Not in RFC 7643: the limits a client meets (so a test can hold the code to them).
  'urn:rac:params:scim:limits': {
    maxOperations: SCIM_MAX_OPERATIONS,
    maxFilterLength: SCIM_FILTER_MAX_LENGTH,
    patchOpSchema: PATCH_OP_SCHEMA,
  },
};
