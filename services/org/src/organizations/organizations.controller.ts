import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateOrganizationCommand, CreateOrganizationReply, OrgPatterns } from '@app/contracts';
import { OrganizationsService } from './organizations.service';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @MessagePattern(OrgPatterns.organizationCreate)
  create(@Payload() command: CreateOrganizationCommand): Promise<CreateOrganizationReply> {
    return this.organizations.create(command);
  }
}
