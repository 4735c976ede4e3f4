import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { Technician } from './technician.entity';
import { TechnicianBatchCompletion } from './technician-batch-completion';
import { TechnicianBatchCreation } from './technician-batch-creation';
import { TechnicianBatchReservation } from './technician-batch-reservation';
import { TechniciansController } from './technicians.controller';
import { TechnicianCreateService } from './technician-create.service';
import { TechniciansService } from './technicians.service';

@Module({
  imports: [TypeOrmModule.forFeature([Technician]), AccountsModule],
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
