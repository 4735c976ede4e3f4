import { Module } from '@nestjs/common';
import { AdministratorViews } from './administrator-views';
import { AdministratorsController } from './administrators.controller';
import { AdministratorsService } from './administrators.service';
import { MasterRestoreService } from './master-restore.service';

@Module({
  controllers: [AdministratorsController],
  providers: [AdministratorsService, AdministratorViews, MasterRestoreService],
})
export class AdministratorsModule {}
