import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ErrorCodes,
  ListServicePrincipalsQuery,
  ServicePrincipalList,
  ServicePrincipalView,
} from '@app/contracts';
import { rpcError } from '@app/platform';
import { ScopePolicy } from '../scope/scope-policy';
import { ServicePrincipalsStore } from './service-principals.store';

/**
 * Service principals: made, listed and disabled by the Master Administrators of their
 * organization (any of them, whoever made the principal).
 */
@Injectable()
export class ServicePrincipalsService {
  constructor(
    private readonly store: ServicePrincipalsStore,
    private readonly scope: ScopePolicy,
  ) {}

  /**
   * Idempotent by the key: a command delivered again (or sent again after a lost reply)
   * finds the principal its first delivery made. The same key with another name or scopes
   * is another principal, which must have a key of its own.
   */
  async create(command: CreateServicePrincipalCommand): Promise<ServicePrincipalView> {
    const context = await this.scope.masterAdministrator(command.actor);
    const organizationId = context.organizationId;
    const scopes = [...command.scopes].sort();
    const id = randomUUID();
    const inserted = await this.store.insert({
      id,
      organizationId,
      name: command.name,
      scopes,
      publicKey: command.publicKey,
      enabled: true,
      createdBy: context.accountId,
      // Milliseconds, as JavaScript keeps them: the list's cursor compares this value.
      createdAt: new Date(),
      lastUsedAt: null,
      disabledAt: null,
      disabledBy: null,
    });
    let principalId: string = id;
    if (!inserted) {
      const existing = await this.store.byPublicKey(organizationId, command.publicKey);
      if (!existing || existing.name !== command.name || existing.scopes.join() !== scopes.join()) {
        throw rpcError(ErrorCodes.CONFLICT, 'another service principal has this public key', {
          errors: [
            {
              field: 'publicKey',
              code: 'TAKEN',
              message: 'belongs to another service principal: make a new key pair',
            },
          ],
        });
      }
      principalId = existing.id;
    }
    return this.viewOf(organizationId, principalId);
  }

  async list(query: ListServicePrincipalsQuery): Promise<ServicePrincipalList> {
    const context = await this.scope.masterAdministrator(query.actor);
    const page = await this.store.page(context.organizationId, query);
    return { servicePrincipals: page.items, nextCursor: page.nextCursor };
  }

  /** Its assertions are refused from now on; disabling it again changes nothing. */
  async disable(command: DisableServicePrincipalCommand): Promise<ServicePrincipalView> {
    const context = await this.scope.masterAdministrator(command.actor);
    const found = await this.store.disable(
      context.organizationId,
      command.servicePrincipalId,
      context.accountId,
    );
    if (!found) throw notFound();
    return this.viewOf(context.organizationId, command.servicePrincipalId);
  }

  private async viewOf(organizationId: string, id: string): Promise<ServicePrincipalView> {
    const view = await this.store.view(organizationId, id);
    if (!view) throw notFound();
    return view;
  }
}

function notFound() {
  return rpcError(ErrorCodes.NOT_FOUND, 'no such service principal');
}
