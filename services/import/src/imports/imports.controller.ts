import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CancelImportCommand,
  GetImportQuery,
  GetImportReportQuery,
  GetImportTemplateQuery,
  ImportItemView,
  ImportPatterns,
  ImportReportReply,
  ImportTemplateReply,
  ImportView,
  ListImportItemsQuery,
  ListImportsQuery,
  Page,
  UploadImportCommand,
} from '@app/contracts';
import { ImportTemplatesService } from '../templates/import-templates.service';
import { ImportCancelService } from './import-cancel.service';
import { ImportUploadService } from './import-upload.service';
import { ImportsQueryService } from './imports-query.service';

@Controller()
export class ImportsController {
  constructor(
    private readonly uploads: ImportUploadService,
    private readonly imports: ImportsQueryService,
    private readonly cancels: ImportCancelService,
    private readonly templates: ImportTemplatesService,
  ) {}

  @MessagePattern(ImportPatterns.upload)
  upload(@Payload() command: UploadImportCommand): Promise<ImportView> {
    return this.uploads.upload(command);
  }

  // Reading asks org's scope policy like every write: a demoted or disabled Master
  // Administrator's token stops reading imports (names, emails, SSO IDs) at once.
  @MessagePattern(ImportPatterns.get)
  async get(@Payload() query: GetImportQuery): Promise<ImportView> {
    await this.imports.authorize(query.actor);
    return this.imports.get(query.actor, query.importId);
  }

  @MessagePattern(ImportPatterns.list)
  async list(@Payload() query: ListImportsQuery): Promise<Page<ImportView>> {
    await this.imports.authorize(query.actor);
    return this.imports.list(query);
  }

  @MessagePattern(ImportPatterns.itemsList)
  async items(@Payload() query: ListImportItemsQuery): Promise<Page<ImportItemView>> {
    await this.imports.authorize(query.actor);
    return this.imports.items(query);
  }

  @MessagePattern(ImportPatterns.reportGet)
  async report(@Payload() query: GetImportReportQuery): Promise<ImportReportReply> {
    await this.imports.authorize(query.actor);
    return this.imports.report(query.actor, query.importId);
  }

  @MessagePattern(ImportPatterns.cancel)
  async cancel(@Payload() command: CancelImportCommand): Promise<ImportView> {
    await this.imports.authorize(command.actor);
    return this.cancels.cancel(command);
  }

  @MessagePattern(ImportPatterns.templateGet)
  template(@Payload() query: GetImportTemplateQuery): Promise<ImportTemplateReply> {
    return this.templates.template(query);
  }
}
