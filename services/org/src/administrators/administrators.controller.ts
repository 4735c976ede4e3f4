import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdministratorView,
  CreateAdministratorCommand,
  ListAdministratorsQuery,
  OrgPatterns,
  Page,
  RestoreMasterAdministratorCommand,
  UpdateAdministratorCommand,
} from '@app/contracts';
import { AdministratorsService } from './administrators.service';
import { MasterRestoreService } from './master-restore.service';

@Controller()
export class AdministratorsController {
  constructor(
    private readonly administrators: AdministratorsService,
    private readonly masterRestore: MasterRestoreService,
  ) {}

  @MessagePattern(OrgPatterns.administratorList)
  list(@Payload() query: ListAdministratorsQuery): Promise<Page<AdministratorView>> {
    return this.administrators.list(query);
  }

  @MessagePattern(OrgPatterns.administratorCreate)
  create(@Payload() command: CreateAdministratorCommand): Promise<AdministratorView> {
    return this.administrators.create(command);
  }

  @MessagePattern(OrgPatterns.administratorUpdate)
  update(@Payload() command: UpdateAdministratorCommand): Promise<AdministratorView> {
    return this.administrators.update(command);
  }

  @MessagePattern(OrgPatterns.administratorRestoreMaster)
  restoreMaster(@Payload() command: RestoreMasterAdministratorCommand): Promise<AdministratorView> {
    return this.masterRestore.restore(command.email);
  }
}
