import {
  Body,
  Controller,
  Get,
  Req,
  HttpCode,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ADMIN_ROLES,
  CancelImportCommand,
  ErrorCodes,
  FILE_NAME_MAX_LENGTH,
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
  Roles,
  UploadImportCommand,
} from '@app/contracts';
import { ImportFileSealer, InjectRpcClient, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { clientIdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid.pipe';
import { GatewaySettings } from '../config/env';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem/problem.exception';
import { boundedFieldErrors } from '../problem/problem-limits';
import {
  ImportDto,
  ImportItemPageDto,
  ImportItemsQueryDto,
  ImportPageDto,
  TemplateQueryDto,
  UploadImportBody,
  UploadImportFields,
} from './dto/import.dto';
import { ImportFileInterceptor } from './import-file.interceptor';

@ApiTags('imports')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('imports')
export class ImportsController {
  constructor(
    @InjectRpcClient('import') private readonly imports: RpcClient,
    private readonly sealer: ImportFileSealer,
    private readonly settings: GatewaySettings,
  ) {}

  @Get('template.csv')
  @AllowRoles(...ADMIN_ROLES)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'A CSV file with the header row and two example rows that would import cleanly',
  })
  async csvTemplate(
    @CurrentActor() actor: RequestActor,
    @Query() query: TemplateQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    this.sendFile(response, await this.template(actor, 'csv', query.delimiter));
  }

  @Get('template.json')
  @AllowRoles(...ADMIN_ROLES)
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'A JSON file with two example rows that would import cleanly' })
  async jsonTemplate(
    @CurrentActor() actor: RequestActor,
    @Res() response: Response,
  ): Promise<void> {
    this.sendFile(response, await this.template(actor, 'json'));
  }

  @Post()
  @AllowRoles(Roles.MASTER_ADMIN)
  @HttpCode(202)
  @UseInterceptors(ImportFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadImportBody })
  @ApiAcceptedResponse({
    type: ImportDto,
    description: 'Accepted; Location names the import to poll',
  })
  @ApiProblems(400, 404, 413, 415, 422)
  async upload(
    @CurrentActor() actor: RequestActor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: UploadImportFields,
    @Query() query: UploadImportFields,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportView> {
    if (!file)
      throw new ProblemException(
        ErrorCodes.FILE_REQUIRED,
        'attach the file in the multipart field "file"',
      );
    if (file.size === 0) throw new ProblemException(ErrorCodes.FILE_EMPTY, 'the file is empty');
    const idempotencyKey = clientIdempotencyKey(request);
    const groupId = fields.groupId ?? query.groupId;
    const view = await this.sealer.withSealed(file.buffer, (sealedFile) =>
      this.imports.send<ImportView>(
        ImportPatterns.upload,
        {
          actor: toActor(actor),
          fileName: displayFileName(file.originalname),
          sealedFile,
          groupId,
          dryRun: (fields.dryRun ?? query.dryRun) === 'true',
          idempotencyKey,
        } satisfies UploadImportCommand,
        // Parsing, checking and sealing up to 500 rows takes longer than a plain call.
        3 * this.settings.RPC_TIMEOUT_MS,
      ),
    );
    response.location(`/api/v1/imports/${view.id}`);
    return view;
  }

  @Get()
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiOkResponse({ type: ImportPageDto, description: 'Newest first' })
  @ApiProblems(400)
  list(
    @CurrentActor() actor: RequestActor,
    @Query() page: PageQueryDto,
  ): Promise<Page<ImportView>> {
    return this.imports.send(ImportPatterns.list, {
      ...page,
      actor: toActor(actor),
    } satisfies ListImportsQuery);
  }

  @Get(':id')
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiOkResponse({ type: ImportDto })
  @ApiProblems(400, 404)
  get(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<ImportView> {
    return this.imports.send(ImportPatterns.get, {
      actor: toActor(actor),
      importId: id,
    } satisfies GetImportQuery);
  }

  @Get(':id/items')
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiOkResponse({ type: ImportItemPageDto })
  @ApiProblems(400, 404)
  async items(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Query() query: ImportItemsQueryDto,
  ): Promise<Page<ImportItemView>> {
    const page = await this.imports.send<Page<ImportItemView>>(ImportPatterns.itemsList, {
      ...query,
      actor: toActor(actor),
      importId: id,
    } satisfies ListImportItemsQuery);
    // A row's errors come back as problems do: within the limits the OpenAPI document states.
    return {
      ...page,
      items: page.items.map((item) => ({ ...item, errors: boundedFieldErrors(item.errors) })),
    };
  }

  @Get(':id/report.csv')
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The rows as uploaded (without passwords) with Status and Reason' })
  @ApiProblems(400, 404)
  async report(
    @CurrentActor() actor: RequestActor,
    @UuidParam('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    const report = await this.imports.send<ImportReportReply>(ImportPatterns.reportGet, {
      actor: toActor(actor),
      importId: id,
    } satisfies GetImportReportQuery);
    this.sendFile(response, {
      fileName: report.fileName,
      contentType: 'text/csv; charset=utf-8',
      content: report.csv,
    });
  }

  @Post(':id/cancel')
  @AllowRoles(Roles.MASTER_ADMIN)
  @HttpCode(200)
  @ApiOkResponse({
    type: ImportDto,
    description: 'Rows not yet processed end failed with CANCELLED',
  })
  @ApiProblems(400, 404, 409)
  cancel(@CurrentActor() actor: RequestActor, @UuidParam('id') id: string): Promise<ImportView> {
    return this.imports.send(ImportPatterns.cancel, {
      actor: toActor(actor),
      importId: id,
    } satisfies CancelImportCommand);
  }

  private template(
    actor: RequestActor,
    format: 'csv' | 'json',
    delimiter?: TemplateQueryDto['delimiter'],
  ) {
    return this.imports.send<ImportTemplateReply>(ImportPatterns.templateGet, {
      actor: toActor(actor),
      format,
      delimiter,
    } satisfies GetImportTemplateQuery);
  }

  private sendFile(response: Response, file: ImportTemplateReply): void {
    const safeName = file.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    response
      .status(200)
      .type(file.contentType)
      .setHeader('Content-Disposition', `attachment; filename="${safeName}"`)
      .send(file.content);
  }
}

/** The file name as shown back: printable, Unicode, at most 255 characters. */
function displayFileName(name: string | undefined): string {
  // Without the folders a browser or client may have sent (either separator).
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = Array.from(base)
    // eslint-disable-next-line no-control-regex
    .filter((char) => char.length === 2 || !/[\u0000-\u001f\u007f\uD800-\uDFFF]/.test(char))
    .join('')
    .trim();
  return Array.from(cleaned || 'upload')
    .slice(0, FILE_NAME_MAX_LENGTH)
    .join('');
}
