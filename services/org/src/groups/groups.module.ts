import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';
import { GroupSearchService } from './group-search.service';
import { GroupsService } from './groups.service';

@Module({
  controllers: [GroupsController],
  providers: [GroupsService, GroupSearchService],
})
export class GroupsModule {}
