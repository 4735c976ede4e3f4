import type { CreateServicePrincipalBody, ServiceScope } from '../api/service-principals';

/** Every scope a principal may hold, in the order the form lists them. */
export const SERVICE_SCOPES: readonly ServiceScope[] = [
  'technicians:create',
  'technicians:read',
  'groups:read',
  'events:read',
];

/** An Ed25519 public key as the API takes it: 32 raw bytes in base64url, no padding. */
const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;

/** The i18n key of a scope (`settings:principals.scopes.<key>`): i18next reads `:` as a namespace. */
export function scopeKey(scope: ServiceScope): string {
  return scope.replace(':', '_');
}

export interface ServicePrincipalFormValues {
  name: string;
  scopes: ServiceScope[];
  publicKey: string;
}

export function emptyServicePrincipalForm(): ServicePrincipalFormValues {
  return { name: '', scopes: [], publicKey: '' };
}

/** The key as pasted: surrounding spaces and a padding `=` are not part of it. */
function keyOf(values: ServicePrincipalFormValues): string {
  return values.publicKey.trim().replace(/=$/, '');
}

export function toCreateBody(values: ServicePrincipalFormValues): CreateServicePrincipalBody {
  return {
    name: values.name.trim(),
    scopes: SERVICE_SCOPES.filter((scope) => values.scopes.includes(scope)),
    publicKey: keyOf(values),
  };
}

export type ServicePrincipalFieldErrorKey = 'nameRequired' | 'scopesRequired' | 'publicKeyInvalid';

/** What the browser can tell before sending; the server stays the judge of the rest. */
export function validateServicePrincipalForm(
  values: ServicePrincipalFormValues,
): Partial<Record<keyof ServicePrincipalFormValues, ServicePrincipalFieldErrorKey>> {
  const errors: Partial<Record<keyof ServicePrincipalFormValues, ServicePrincipalFieldErrorKey>> =
    {};
  if (!values.name.trim()) errors.name = 'nameRequired';
  if (values.scopes.length === 0) errors.scopes = 'scopesRequired';
  if (!PUBLIC_KEY.test(keyOf(values))) errors.publicKey = 'publicKeyInvalid';
  return errors;
}

/** Who a principal names (its creator, who disabled it): their name, else email, else their id. */
export function accountLabel(account: {
  accountId: string;
  name?: string | null;
  email?: string | null;
}): string {
  return account.name || account.email || account.accountId;
}
