import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { Technician } from './technician.entity';
import { TechnicianBatchCreation } from './technician-batch-creation';
import { TechniciansController } from './technicians.controller';
import { TechniciansService } from './technicians.service';

@Module({
  imports: [TypeOrmModule.forFeature([Technician]), AccountsModule],
  controllers: [TechniciansController],
  providers: [TechniciansService, TechnicianBatchCreation],
})
export class TechniciansModule {}
