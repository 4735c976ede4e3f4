import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ListServicePrincipalsQuery,
  OrgPatterns,
  ServicePrincipalList,
  ServicePrincipalView,
} from '@app/contracts';
import { ServicePrincipalsService } from './service-principals.service';

@Controller()
export class ServicePrincipalsController {
  constructor(private readonly principals: ServicePrincipalsService) {}

  @MessagePattern(OrgPatterns.servicePrincipalCreate)
  create(@Payload() command: CreateServicePrincipalCommand): Promise<ServicePrincipalView> {
    return this.principals.create(command);
  }

  @MessagePattern(OrgPatterns.servicePrincipalList)
  list(@Payload() query: ListServicePrincipalsQuery): Promise<ServicePrincipalList> {
    return this.principals.list(query);
  }

  @MessagePattern(OrgPatterns.servicePrincipalDisable)
  disable(@Payload() command: DisableServicePrincipalCommand): Promise<ServicePrincipalView> {
    return this.principals.disable(command);
  }
}
