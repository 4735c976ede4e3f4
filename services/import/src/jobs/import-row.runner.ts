import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CreateTechnicianCommand,
  ErrorCodes,
  FieldError,
  OrgPatterns,
  SettleIdempotencyKeyCommand,
  SettleIdempotencyKeyReply,
  TechnicianView,
} from '@app/contracts';
import { InjectRpcClient, RpcCallError, RpcClient, runInLane } from '@app/platform';
import { ImportSettings } from '../config/env';
import { ImportOutcomesService, RowOutcome } from '../imports/import-outcomes.service';
import { ImportRecord } from '../imports/import.entity';
import { columnOfField, RowTechnician } from '../rows/validate-rows';

/** What a worker needs of the row it claimed. */
interface ClaimedRow {
  row: number;
  technician: RowTechnician;
  sealedPassword: string;
}

/** A row whose create never ran: org did not answer in time, and its key was fenced. */
const GIVEN_UP: FieldError = {
  field: 'Row',
  code: ErrorCodes.SERVICE_UNAVAILABLE,
  message: 'the row could not be applied in time; import it again',
};

/** Which column a refusal without field errors concerns. */
const COLUMN_OF_CODE: Record<string, string> = {
  EMAIL_TAKEN: 'Email',
  SSO_ID_TAKEN: 'Single Sign-On ID',
  PASSWORD_POLICY: 'Password',
  GROUP_NOT_FOUND: 'Tech Group ID',
  FORBIDDEN_GROUP: 'Tech Group ID',
};

/**
 * Applies one row: sends `org.technician.create.v1` (on the bulk lane, with the idempotency
 * key `<importId>:<row>`, so a retry never makes a second technician) and records the
 * outcome once. An unknown outcome (org or identity unreachable) throws, and BullMQ retries.
 */
@Injectable()
export class ImportRowRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly outcomes: ImportOutcomesService,
    private readonly settings: ImportSettings,
  ) {}

  async run(importId: string, rowNumber: number): Promise<void> {
    const record = await this.dataSource.getRepository(ImportRecord).findOneBy({ id: importId });
    if (!record) return;
    const row = await this.claim(record, rowNumber);
    if (!row) return;
    if (record.status === 'queued') {
      await this.dataSource
        .getRepository(ImportRecord)
        .update(
          { id: importId, status: 'queued' },
          { status: 'running', startedAt: () => 'COALESCE(started_at, now())' },
        );
    }

    const outcome = await this.apply(record, row);
    await this.outcomes.record(importId, rowNumber, outcome);
  }

  /**
   * Marks the row processing and reads it, in one statement. A row already processing is a
   * retry (its command is idempotent) and is taken again; a row that has ended is not. Once
   * the import is being cancelled, a pending row is left to the cancel.
   */
  private async claim(record: ImportRecord, rowNumber: number): Promise<ClaimedRow | undefined> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [claimed]: [ClaimedRow[]] = await this.dataSource.query(
      `UPDATE import_rows SET status = 'processing', updated_at = now()
        WHERE import_id = $1 AND "row" = $2 AND status = ANY($3)
       RETURNING "row", technician, sealed_password AS "sealedPassword"`,
      [record.id, rowNumber, record.cancelRequested ? ['processing'] : ['pending', 'processing']],
    );
    return claimed[0];
  }

  /**
   * After the row's last attempt. Its create may still wait in a queue, so "failed" would be
   * a guess: org settles the key instead, answering the create's outcome if it ran, or
   * fencing the key so that it never runs. If org does not answer this either, this throws
   * and the row stays unfinished: the recovery sweep queues it again later.
   */
  async giveUp(importId: string, rowNumber: number): Promise<void> {
    const record = await this.dataSource.getRepository(ImportRecord).findOneBy({ id: importId });
    if (!record) return;
    const settled = await runInLane('bulk', () =>
      this.org.send<SettleIdempotencyKeyReply>(OrgPatterns.idempotencyKeySettle, {
        organizationId: record.organizationId,
        idempotencyKey: rowKey(record, rowNumber),
      } satisfies SettleIdempotencyKeyCommand),
    );
    if (settled.state === 'in-progress') {
      throw new Error(`the create of row ${rowNumber} is still running in org`);
    }
    const { outcome } = settled;
    await this.outcomes.record(
      importId,
      rowNumber,
      outcome.ok
        ? { status: 'succeeded', technicianId: this.createdId(record, outcome.reply) }
        : { status: 'failed', errors: rowErrors(new RpcCallError(outcome.error, 'org')) },
    );
  }

  private createdId(record: ImportRecord, reply: unknown): string | null {
    return record.dryRun ? null : (reply as TechnicianView).id;
  }

  private async apply(record: ImportRecord, row: ClaimedRow): Promise<RowOutcome> {
    const technician = row.technician;
    const command: CreateTechnicianCommand = {
      actor: {
        accountId: record.createdBy,
        organizationId: record.organizationId,
        role: record.createdByRole,
      },
      ...technician,
      groupId: record.groupId ?? technician.groupId,
      sealedPassword: row.sealedPassword,
      idempotencyKey: rowKey(record, row.row),
      dryRun: record.dryRun,
    };
    try {
      const created = await runInLane('bulk', () =>
        // It waits for org, which itself waits for identity: longer than one call.
        this.org.send<TechnicianView>(
          OrgPatterns.technicianCreate,
          command,
          2 * this.settings.RPC_TIMEOUT_MS + 1000,
        ),
      );
      return { status: 'succeeded', technicianId: this.createdId(record, created) };
    } catch (err) {
      if (
        !(err instanceof RpcCallError) ||
        err.outcomeUnknown ||
        err.code === ErrorCodes.SEALING_KEY_UNKNOWN
      )
        throw err;
      return { status: 'failed', errors: rowErrors(err) };
    }
  }
}

/** A row's idempotency key: a retry of the row never makes a second technician. */
function rowKey(record: ImportRecord, row: number): string {
  return `${record.id}:${row}`;
}

/** The row codes of the spec (section 4); anything else a service says is mapped onto them. */
const ROW_CODES = new Set<string>([
  ErrorCodes.VALIDATION_FAILED,
  ErrorCodes.INVALID_EMAIL,
  ErrorCodes.INVALID_BOOLEAN,
  ErrorCodes.FIELD_TOO_LONG,
  ErrorCodes.EMAIL_TAKEN,
  ErrorCodes.SSO_ID_TAKEN,
  ErrorCodes.DUPLICATE_IN_FILE,
  ErrorCodes.PASSWORD_POLICY,
  ErrorCodes.GROUP_REQUIRED,
  ErrorCodes.GROUP_NOT_FOUND,
  ErrorCodes.CANCELLED,
]);

function rowErrors(err: RpcCallError): FieldError[] {
  if (err.code === ErrorCodes.COMMAND_ABANDONED) return [GIVEN_UP];
  if (err.code === ErrorCodes.PASSWORD_POLICY) {
    // One entry per broken rule, each with the row code PASSWORD_POLICY; the rule in the message.
    return (
      err.errors ?? [{ field: 'password', code: 'PASSWORD_POLICY', message: err.message }]
    ).map((rule) => ({
      field: 'Password',
      code: ErrorCodes.PASSWORD_POLICY,
      message: `${rule.message} (${rule.code})`,
    }));
  }
  const code =
    err.code === ErrorCodes.FORBIDDEN_GROUP
      ? ErrorCodes.GROUP_NOT_FOUND
      : ROW_CODES.has(err.code) || !err.errors?.length
        ? err.code
        : ErrorCodes.VALIDATION_FAILED;
  if (err.errors?.length) {
    return err.errors.map((e) => ({
      field: columnOfField(e.field),
      code: ROW_CODES.has(e.code) ? e.code : code,
      message: e.message,
    }));
  }
  return [{ field: COLUMN_OF_CODE[err.code] ?? 'Row', code, message: err.message }];
}
