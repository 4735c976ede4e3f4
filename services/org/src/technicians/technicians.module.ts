import { Module } from '@nestjs/common';
import { TechnicianBatchCompletion } from './technician-batch-completion';
import { TechnicianBatchCreation } from './technician-batch-creation';
import { TechnicianBatchReservation } from './technician-batch-reservation';
import { TechniciansController } from './technicians.controller';
import { TechnicianCreateService } from './technician-create.service';
import { TechniciansService } from './technicians.service';

@Module({
  controllers: [TechniciansController],
  providers: [
    TechniciansService,
    TechnicianCreateService,
    TechnicianBatchCreation,
    TechnicianBatchReservation,
    TechnicianBatchCompletion,
  ],
})
export class TechniciansModule {}
