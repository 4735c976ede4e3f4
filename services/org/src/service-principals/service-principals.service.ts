import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ErrorCodes,
  ListServicePrincipalsQuery,
  ServicePrincipalList,
  ServicePrincipalView,
} from '@app/contracts';
import { rpcError, ServicePrincipalRecord } from '@app/platform';
import { ScopePolicy } from '../scope/scope-policy';
import { ServicePrincipal } from './service-principal.entity';

/** Service principals: made, listed and disabled by a Master Administrator of their organization. */
@Injectable()
export class ServicePrincipalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
  ) {}

  async create(command: CreateServicePrincipalCommand): Promise<ServicePrincipalView> {
    const context = await this.scope.masterAdministrator(command.actor);
    const row: ServicePrincipal = {
      id: randomUUID(),
      organizationId: context.organizationId,
      name: command.name,
      scopes: [...command.scopes].sort(),
      publicKey: command.publicKey,
      enabled: true,
      createdBy: context.accountId,
      createdAt: new Date(),
    };
    await this.dataSource.getRepository(ServicePrincipal).insert(row);
    return view(row);
  }

  async list(query: ListServicePrincipalsQuery): Promise<ServicePrincipalList> {
    const context = await this.scope.masterAdministrator(query.actor);
    const rows = await this.dataSource
      .getRepository(ServicePrincipal)
      .find({ where: { organizationId: context.organizationId }, order: { createdAt: 'ASC' } });
    return { servicePrincipals: rows.map(view) };
  }

  async disable(command: DisableServicePrincipalCommand): Promise<ServicePrincipalView> {
    const context = await this.scope.masterAdministrator(command.actor);
    const repository = this.dataSource.getRepository(ServicePrincipal);
    const where = { id: command.servicePrincipalId, organizationId: context.organizationId };
    await repository.update(where, { enabled: false });
    const row = await repository.findOneBy(where);
    if (!row) throw rpcError(ErrorCodes.NOT_FOUND, 'no such service principal');
    return view(row);
  }

  /** What the transport needs to verify a principal's assertion (any organization). */
  async record(id: string): Promise<ServicePrincipalRecord | undefined> {
    const row = await this.dataSource.getRepository(ServicePrincipal).findOneBy({ id });
    return row ?? undefined;
  }
}

function view(row: ServicePrincipal): ServicePrincipalView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    scopes: row.scopes,
    publicKey: row.publicKey,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  };
}
