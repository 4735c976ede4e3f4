import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';
import { GroupSearchService } from './group-search.service';
import { GroupTreeService } from './group-tree.service';
import { GroupsService } from './groups.service';

@Module({
  controllers: [GroupsController],
  providers: [GroupsService, GroupTreeService, GroupSearchService],
})
export class GroupsModule {}
