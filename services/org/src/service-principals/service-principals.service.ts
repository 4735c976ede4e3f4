import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ErrorCodes,
  EventPatterns,
  ListServicePrincipalsQuery,
  ServicePrincipalCreatedEvent,
  ServicePrincipalDisabledEvent,
  ServicePrincipalList,
  ServicePrincipalView,
} from '@app/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { eventOrigin, Outbox, rpcError } from '@app/platform';
import { ScopePolicy } from '../scope/scope-policy';
import { ServicePrincipalsStore } from './service-principals.store';

/**
 * Service principals: made, listed and disabled by the Master Administrators of their
 * organization (any of them, whoever made the principal).
 */
@Injectable()
export class ServicePrincipalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ServicePrincipalsStore,
    private readonly scope: ScopePolicy,
    private readonly outbox: Outbox,
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
    const principalId = await this.dataSource.transaction(async (manager) => {
      const inserted = await this.store.insert(
        {
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
        },
        manager,
      );
      if (inserted) {
        // Its name and scopes; never its key.
        await this.outbox.add(
          manager,
          EventPatterns.servicePrincipalCreated,
          eventOrigin(context),
          {
            target: { type: 'service-principal', id, name: command.name },
            groupPaths: [],
            servicePrincipal: { id, name: command.name, scopes },
          } satisfies ServicePrincipalCreatedEvent,
        );
        return id;
      }
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
      // A repeat: the principal its first delivery made, no second event.
      return existing.id;
    });
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
    await this.dataSource.transaction(async (manager) => {
      const id = command.servicePrincipalId;
      const found = await this.store.disable(
        context.organizationId,
        id,
        context.accountId,
        manager,
      );
      if (!found) throw notFound();
      if (!found.wasEnabled) return; // disabled already: nothing changed
      await this.outbox.add(manager, EventPatterns.servicePrincipalDisabled, eventOrigin(context), {
        target: { type: 'service-principal', id, name: found.name },
        groupPaths: [],
        changes: [{ field: 'enabled', before: true, after: false }],
        servicePrincipal: { id, name: found.name, scopes: found.scopes },
      } satisfies ServicePrincipalDisabledEvent);
    });
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
