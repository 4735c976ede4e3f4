import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupQuery,
  GetGroupTreeQuery,
  GroupSummary,
  GroupTreeReply,
  ListGroupChildrenQuery,
  Page,
  GroupView,
  OrgPatterns,
  GroupMatch,
  SearchGroupsQuery,
  UpdateGroupCommand,
} from '@app/contracts';
import { GroupSearchService } from './group-search.service';
import { GroupTreeService } from './group-tree.service';
import { GroupsService } from './groups.service';

@Controller()
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly groupTree: GroupTreeService,
    private readonly groupSearch: GroupSearchService,
  ) {}

  @MessagePattern(OrgPatterns.groupTreeGet)
  tree(@Payload() query: GetGroupTreeQuery): Promise<GroupTreeReply> {
    return this.groupTree.tree(query);
  }

  @MessagePattern(OrgPatterns.groupChildrenList)
  children(@Payload() query: ListGroupChildrenQuery): Promise<Page<GroupSummary>> {
    return this.groupTree.children(query);
  }

  @MessagePattern(OrgPatterns.groupSearch)
  search(@Payload() query: SearchGroupsQuery): Promise<Page<GroupMatch>> {
    return this.groupSearch.search(query);
  }

  @MessagePattern(OrgPatterns.groupCreate)
  create(@Payload() command: CreateGroupCommand): Promise<GroupView> {
    return this.groups.create(command);
  }

  @MessagePattern(OrgPatterns.groupGet)
  get(@Payload() query: GetGroupQuery): Promise<GroupView> {
    return this.groups.get(query);
  }

  @MessagePattern(OrgPatterns.groupUpdate)
  update(@Payload() command: UpdateGroupCommand): Promise<GroupView> {
    return this.groups.update(command);
  }

  @MessagePattern(OrgPatterns.groupDelete)
  delete(@Payload() command: DeleteGroupCommand): Promise<{ id: string }> {
    return this.groups.delete(command);
  }
}
