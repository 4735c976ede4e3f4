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
  SealingKeyReply,
  UploadImportCommand,
} from '@app/contracts';
import { SealingKeyStore } from '@app/platform';
import { ImportTemplatesService } from '../templates/import-templates.service';
import { ImportUploadService } from './import-upload.service';
import { ImportsQueryService } from './imports-query.service';

@Controller()
export class ImportsController {
  constructor(
    private readonly uploads: ImportUploadService,
    private readonly imports: ImportsQueryService,
    private readonly templates: ImportTemplatesService,
    private readonly fileKeys: SealingKeyStore,
  ) {}

  /** The key uploaded files are sealed to: a file holds every password of its rows. */
  @MessagePattern(ImportPatterns.sealingKeyGet)
  sealingKey(): SealingKeyReply {
    return this.fileKeys.publicKey();
  }

  @MessagePattern(ImportPatterns.upload)
  upload(@Payload() command: UploadImportCommand): Promise<ImportView> {
    return this.uploads.upload(command);
  }

  // Reading needs only the organization of the token (the gateway checked its role), so
  // that progress stays visible while org is away.
  @MessagePattern(ImportPatterns.get)
  get(@Payload() query: GetImportQuery): Promise<ImportView> {
    return this.imports.get(query.actor, query.importId);
  }

  @MessagePattern(ImportPatterns.list)
  list(@Payload() query: ListImportsQuery): Promise<Page<ImportView>> {
    return this.imports.list(query);
  }

  @MessagePattern(ImportPatterns.itemsList)
  items(@Payload() query: ListImportItemsQuery): Promise<Page<ImportItemView>> {
    return this.imports.items(query);
  }

  @MessagePattern(ImportPatterns.reportGet)
  report(@Payload() query: GetImportReportQuery): Promise<ImportReportReply> {
    return this.imports.report(query.actor, query.importId);
  }

  @MessagePattern(ImportPatterns.cancel)
  async cancel(@Payload() command: CancelImportCommand): Promise<ImportView> {
    await this.imports.authorize(command.actor);
    return this.imports.cancel(command);
  }

  @MessagePattern(ImportPatterns.templateGet)
  template(@Payload() query: GetImportTemplateQuery): Promise<ImportTemplateReply> {
    return this.templates.template(query);
  }
}
