import { describe, expect, it } from 'vitest';
import {
  accountLabel,
  emptyServicePrincipalForm,
  scopeKey,
  SERVICE_SCOPES,
  toCreateBody,
  validateServicePrincipalForm,
} from './service-principal-form';

const KEY = 'A'.repeat(43);

describe('the service principal form', () => {
  it('sends the trimmed name, the scopes in their order, and the key without padding', () => {
    expect(
      toCreateBody({
        name: '  HR feed ',
        scopes: ['groups:read', 'technicians:create'],
        publicKey: ` ${KEY}= `,
      }),
    ).toEqual({ name: 'HR feed', scopes: ['technicians:create', 'groups:read'], publicKey: KEY });
  });

  it('asks for a name, a scope and an Ed25519 public key before sending', () => {
    expect(validateServicePrincipalForm(emptyServicePrincipalForm())).toEqual({
      name: 'nameRequired',
      scopes: 'scopesRequired',
      publicKey: 'publicKeyInvalid',
    });
    expect(
      validateServicePrincipalForm({ name: 'x', scopes: ['groups:read'], publicKey: 'short' }),
    ).toEqual({ publicKey: 'publicKeyInvalid' });
    expect(
      validateServicePrincipalForm({ name: 'x', scopes: ['groups:read'], publicKey: KEY }),
    ).toEqual({});
  });

  it('names an account by its name, else its email, else its id', () => {
    expect(accountLabel({ accountId: 'id', name: 'Ada', email: 'a@example.com' })).toBe('Ada');
    expect(accountLabel({ accountId: 'id', name: null, email: 'a@example.com' })).toBe(
      'a@example.com',
    );
    expect(accountLabel({ accountId: 'id', name: null, email: null })).toBe('id');
  });

  it('names each scope with an i18n key without a colon (i18next reads it as a namespace)', () => {
    expect(SERVICE_SCOPES.map(scopeKey)).toEqual([
      'technicians_create',
      'technicians_read',
      'groups_read',
      'events_read',
    ]);
  });
});
