import { Injectable } from '@nestjs/common';
import {
  GetGroupTreeQuery,
  GetImportTemplateQuery,
  GroupTreeReply,
  ImportTemplateReply,
  OrgPatterns,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { csvTemplate, jsonTemplate } from './import-template';

@Injectable()
export class ImportTemplatesService {
  constructor(@InjectRpcClient('org') private readonly org: RpcClient) {}

  /** A template whose rows name the first group the caller may see (org checks the caller is an administrator). */
  async template(query: GetImportTemplateQuery): Promise<ImportTemplateReply> {
    const tree = await this.org.send<GroupTreeReply>(OrgPatterns.groupTreeGet, {
      actor: query.actor,
    } satisfies GetGroupTreeQuery);
    const groupId = tree.groups[0]?.id;
    return query.format === 'json'
      ? jsonTemplate(groupId)
      : csvTemplate(query.delimiter ?? 'comma', groupId);
  }
}
