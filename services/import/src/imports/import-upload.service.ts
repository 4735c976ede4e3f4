import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuthorizeQuery,
  EventPatterns,
  GetGroupQuery,
  ImportStartedEvent,
  ImportView,
  OrgPatterns,
  UploadImportCommand,
} from '@app/contracts';
import {
  eventOrigin,
  InjectRpcClient,
  Outbox,
  isUniqueViolation,
  repeatOf,
  requestFingerprint,
  RpcClient,
  rpcError,
  SealingKeyStore,
} from '@app/platform';
import { priorityBaseOfNewImport } from '../jobs/fair-share';
import { ImportRowsQueue } from '../jobs/import-rows.queue';
import { ImportFileError } from '../parsing/import-file-error';
import { parseImportFile } from '../parsing/parse-import-file';
import { validateRows } from '../rows/validate-rows';
import { importAbout, RowOutcomesService } from '../rows/row-outcomes.service';
import { ImportRow } from '../database/import-row.entity';
import { toImportView } from './import-view';
import { Import } from '../database/import.entity';
import { RowPasswords } from '../rows/row-passwords';
import { ImportSettings } from '../config/env';

/**
 * Accepting a file: authorize, open it (it travels sealed to this service's key), answer a
 * repeated Idempotency-Key with its first import, check the global group, parse and check
 * the file, refuse the whole file for a file-level problem (nothing stored), check each row
 * as far as the file allows, store the import and its rows (each password encrypted to this
 * service's own key, RowPasswords) in one transaction, then queue the rows in batches.
 */
@Injectable()
export class ImportUploadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly rowsQueue: ImportRowsQueue,
    private readonly fileKeys: SealingKeyStore,
    private readonly passwords: RowPasswords,
    private readonly outcomes: RowOutcomesService,
    private readonly settings: ImportSettings,
    private readonly outbox: Outbox,
  ) {}

  async upload(command: UploadImportCommand): Promise<ImportView> {
    const { actor } = command;
    await this.org.send(OrgPatterns.authorize, {
      actor,
      action: 'organization.import',
    } satisfies AuthorizeQuery);
    const bytes = await this.fileKeys.open(command.sealedFile, 'sealedFile');
    const fileSha256 = createHash('sha256').update(bytes).digest('hex');
    // A repeat answers its first import before the group is looked at again: it may have
    // been moved or deleted since.
    if (command.idempotencyKey) {
      const earlier = await this.earlierUpload(command, fileSha256);
      if (earlier) return earlier;
    }
    if (command.groupId) {
      await this.org.send(OrgPatterns.groupGet, {
        actor,
        groupId: command.groupId,
      } satisfies GetGroupQuery);
    }

    let parsed: ReturnType<typeof parseImportFile>;
    try {
      parsed = parseImportFile(bytes);
    } catch (err) {
      if (err instanceof ImportFileError)
        throw rpcError(err.code, err.message, { details: err.details });
      throw err;
    }
    const rows = validateRows(parsed.records, { globalGroupId: command.groupId });

    const id = randomUUID();
    const failedAtOnce = rows.filter((row) => !row.technician).length;
    let priorityBase = 0;
    try {
      await this.dataSource.transaction(async (manager) => {
        priorityBase = await priorityBaseOfNewImport(manager, actor.organizationId);
        await manager.getRepository(Import).insert({
          id,
          organizationId: actor.organizationId,
          createdBy: actor.accountId,
          createdByRole: actor.role,
          status: 'queued',
          dryRun: command.dryRun,
          groupId: command.groupId ?? null,
          fileName: command.fileName,
          format: parsed.format,
          encoding: parsed.encoding,
          delimiter: parsed.delimiter,
          headers: parsed.headers,
          fileSha256,
          idempotencyKey: command.idempotencyKey ?? null,
          total: rows.length,
          priorityBase,
        });
        // Passwords reach our own database only encrypted (and leave it only sealed).
        const encrypted = await this.passwords.encrypt(
          manager,
          id,
          rows.map((row) => ({
            row: row.row,
            password: row.technician ? row.password : undefined,
          })),
        );
        const records = rows.map((row, i) => ({
          importId: id,
          row: row.row,
          line: row.line,
          // Rows the file alone condemns end at once, counted like any other.
          status: row.technician ? ('pending' as const) : ('failed' as const),
          cells: row.cells,
          technician: row.technician ?? null,
          encryptedPassword: encrypted[i],
          errors: row.errors,
        }));
        for (let i = 0; i < records.length; i += 100) {
          await manager.getRepository(ImportRow).insert(records.slice(i, i + 100));
        }
        // Before the rows are counted: a file whose every row fails at once finishes here,
        // and its import.completed.v1 comes after this.
        await this.outbox.add(manager, EventPatterns.importStarted, eventOrigin(actor), {
          ...importAbout({ id, fileName: command.fileName }),
          importId: id,
          fileName: command.fileName,
          format: parsed.format,
          total: rows.length,
          dryRun: command.dryRun,
          groupId: command.groupId ?? null,
        } satisfies ImportStartedEvent);
        if (failedAtOnce > 0) await this.outcomes.count(manager, id, 0, failedAtOnce);
      });
    } catch (err) {
      if (command.idempotencyKey && isUniqueViolation(err, 'imports_idempotency_uq')) {
        // The same key raced us: answer as a repeat.
        const earlier = await this.earlierUpload(command, fileSha256);
        if (earlier) return earlier;
      }
      throw err;
    }

    if (failedAtOnce < rows.length)
      await this.rowsQueue.enqueue(
        { id, priorityBase },
        rows.filter((row) => row.technician).map((row) => row.row),
      );
    return toImportView(await this.dataSource.getRepository(Import).findOneByOrFail({ id }));
  }

  /**
   * The first import of this key, when it was the same request (libs/platform `repeatOf`):
   * the same administrator, file, dry run or not, and global group. Anything else under the
   * key is IDEMPOTENCY_KEY_REUSED: a real import must never answer with a dry run's, nor
   * another administrator's key with an import they did not make. Past
   * IDEMPOTENCY_KEY_RETENTION_SECONDS the key is free again (ImportIdempotencyKeyExpiry frees
   * it too, in the background).
   */
  private async earlierUpload(
    command: UploadImportCommand,
    fileSha256: string,
  ): Promise<ImportView | undefined> {
    const imports = this.dataSource.getRepository(Import);
    const earlier = await imports.findOneBy({
      organizationId: command.actor.organizationId,
      idempotencyKey: command.idempotencyKey,
    });
    const repeat = repeatOf(
      earlier && { fingerprint: uploadFingerprint(earlier), keptAt: earlier.createdAt },
      {
        fingerprints: [
          uploadFingerprint({
            createdBy: command.actor.accountId,
            fileSha256,
            dryRun: command.dryRun,
            groupId: command.groupId?.toLowerCase() ?? null,
          }),
        ],
        field: 'Idempotency-Key',
        retentionSeconds: this.settings.IDEMPOTENCY_KEY_RETENTION_SECONDS,
        reusedMessage:
          'this Idempotency-Key was used for another request (administrator, file, dryRun or groupId)',
      },
    );
    if (repeat === 'same') return toImportView(earlier!);
    if (repeat === 'expired') await imports.update({ id: earlier!.id }, { idempotencyKey: null });
    return undefined;
  }
}

/** What makes two uploads under one key the same request. */
function uploadFingerprint(
  upload: Pick<Import, 'createdBy' | 'fileSha256' | 'dryRun' | 'groupId'>,
) {
  return requestFingerprint({
    command: 'import.upload',
    createdBy: upload.createdBy,
    fileSha256: upload.fileSha256,
    dryRun: upload.dryRun,
    groupId: upload.groupId,
  });
}
