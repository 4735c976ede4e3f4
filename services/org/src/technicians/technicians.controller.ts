import { runInLane } from '@app/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateTechnicianBatchCommand,
  CreateTechnicianBatchReply,
  CreateTechnicianCommand,
  DeleteTechnicianCommand,
  GetTechnicianQuery,
  ListTechniciansQuery,
  MoveTechnicianCommand,
  OrgPatterns,
  Page,
  SetPasswordReply,
  SetTechnicianPasswordCommand,
  TechnicianView,
  UpdateTechnicianCommand,
} from '@app/contracts';
import { TechnicianBatchCreation } from './technician-batch-creation';
import { TechnicianCreateService } from './technician-create.service';
import { TechniciansService } from './technicians.service';

@Controller()
export class TechniciansController {
  constructor(
    private readonly technicians: TechniciansService,
    private readonly creation: TechnicianCreateService,
    private readonly batches: TechnicianBatchCreation,
  ) {}

  @MessagePattern(OrgPatterns.technicianCreate)
  create(@Payload() command: CreateTechnicianCommand): Promise<TechnicianView> {
    return this.creation.create(command);
  }

  @MessagePattern(OrgPatterns.technicianCreateBatch)
  createBatch(
    @Payload() command: CreateTechnicianBatchCommand,
  ): Promise<CreateTechnicianBatchReply> {
    // Background work whatever queue it came on: publishing a batch to the interactive queue
    // does not buy its calls to identity (and its hashes) a person's priority.
    return runInLane('bulk', () => this.batches.create(command));
  }

  @MessagePattern(OrgPatterns.technicianGet)
  get(@Payload() query: GetTechnicianQuery): Promise<TechnicianView> {
    return this.technicians.get(query);
  }

  @MessagePattern(OrgPatterns.technicianUpdate)
  update(@Payload() command: UpdateTechnicianCommand): Promise<TechnicianView> {
    return this.technicians.update(command);
  }

  @MessagePattern(OrgPatterns.technicianMove)
  move(@Payload() command: MoveTechnicianCommand): Promise<TechnicianView> {
    return this.technicians.move(command);
  }

  @MessagePattern(OrgPatterns.technicianDelete)
  delete(@Payload() command: DeleteTechnicianCommand): Promise<{ id: string }> {
    return this.technicians.delete(command);
  }

  @MessagePattern(OrgPatterns.technicianPasswordSet)
  setPassword(@Payload() command: SetTechnicianPasswordCommand): Promise<SetPasswordReply> {
    return this.technicians.setPassword(command);
  }

  @MessagePattern(OrgPatterns.technicianList)
  list(@Payload() query: ListTechniciansQuery): Promise<Page<TechnicianView>> {
    return this.technicians.list(query);
  }
}
