import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CreateTechnicianBatchCommand,
  CreateTechnicianBatchReply,
  CreateTechnicianCommand,
  ErrorCodes,
  OrgPatterns,
  SettleIdempotencyKeyCommand,
  SettleIdempotencyKeyReply,
  CreateTechnicianBatchItem,
  TechnicianView,
} from '@app/contracts';
import { InjectRpcClient, PasswordSealer, RpcCallError, RpcClient, runInLane } from '@app/platform';
import { ImportSettings } from '../config/env';
import { RowOutcomesService, RowOutcome } from './row-outcomes.service';
import { Import } from '../database/import.entity';
import { RowPasswords, StoredRowPassword } from './row-passwords';
import type { RowTechnician } from '../database/import-row.entity';
import { rowErrors } from './row-errors';

/** What a worker needs of the row it claimed. */
interface ClaimedRow extends StoredRowPassword {
  technician: RowTechnician;
}

/** A claimed row on its way: its password sealed to identity's current key. */
interface SealedRow {
  row: number;
  technician: RowTechnician;
  sealedPassword: string;
}

/**
 * Applies a batch of rows: seals their passwords to identity's current key (they wait
 * encrypted to this service's own, RowPasswords), sends `org.technician.create-batch.v1`
 * (on the bulk lane, each row with its idempotency key `<importId>:<row>`, so a retry never
 * makes a second technician) and records the rows' outcomes once, in one statement. A
 * password refused as sealed to a key identity no longer holds is sealed again to the key
 * fetched anew, and the batch sent again (PasswordSealer). An unknown outcome (org or
 * identity unreachable) throws, and BullMQ retries the batch.
 */
@Injectable()
export class ImportBatchRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly outcomes: RowOutcomesService,
    private readonly passwords: RowPasswords,
    private readonly sealer: PasswordSealer,
    private readonly settings: ImportSettings,
  ) {}

  async run(importId: string, rowNumbers: number[]): Promise<void> {
    const record = await this.dataSource.getRepository(Import).findOneBy({ id: importId });
    if (!record) return;
    const rows = await this.claim(record, rowNumbers);
    if (rows.length === 0) return;
    if (record.status === 'queued') {
      await this.dataSource
        .getRepository(Import)
        .update(
          { id: importId, status: 'queued' },
          { status: 'running', startedAt: () => 'COALESCE(started_at, now())' },
        );
    }
    await this.outcomes.recordMany(importId, await this.sealAndApply(record, rows));
  }

  /**
   * The rows' passwords sealed to identity's current key (a row stored before passwords
   * waited encrypted keeps the box it was stored with), then applied; sealed again once if
   * identity answers that it no longer holds the key.
   */
  private async sealAndApply(record: Import, rows: ClaimedRow[]): Promise<Map<number, RowOutcome>> {
    const passwords = await Promise.all(rows.map((row) => this.passwords.open(record.id, row)));
    const plain = passwords.filter((password): password is Buffer => Buffer.isBuffer(password));
    return this.sealer.withSealedMany(plain, (boxes) => {
      let next = 0;
      const sealed = rows.map((row, i) => {
        const password = passwords[i];
        return {
          row: row.row,
          technician: row.technician,
          sealedPassword: Buffer.isBuffer(password) ? boxes[next++] : password,
        };
      });
      return this.apply(record, sealed);
    });
  }

  /**
   * Marks the rows processing and reads them, in one statement. A row already processing is
   * a retry (its command is idempotent) and is taken again; a row that has ended is not.
   * Once the import is being cancelled, a pending row is left to the cancel.
   */
  private async claim(record: Import, rowNumbers: number[]): Promise<ClaimedRow[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [claimed]: [ClaimedRow[]] = await this.dataSource.query(
      `UPDATE import_rows SET status = 'processing', updated_at = now()
        WHERE import_id = $1 AND "row" = ANY($2::int[]) AND status = ANY($3)
       RETURNING "row", technician, encrypted_password AS "encryptedPassword",
                 sealed_password AS "sealedPassword"`,
      [record.id, rowNumbers, record.cancelRequested ? ['processing'] : ['pending', 'processing']],
    );
    return claimed.sort((a, b) => a.row - b.row);
  }

  /**
   * After the batch's last attempt. Its creates may still wait in a queue, so "failed" would
   * be a guess: org settles each row's key instead, answering the create's outcome if it
   * ran, or fencing the key so that it never runs. A row org does not settle stays
   * unfinished (this throws): the recovery sweep queues it again later.
   */
  async giveUp(importId: string, rowNumbers: number[]): Promise<void> {
    const record = await this.dataSource.getRepository(Import).findOneBy({ id: importId });
    if (!record) return;
    const unfinished: { row: number }[] = await this.dataSource.query(
      `SELECT "row" FROM import_rows
        WHERE import_id = $1 AND "row" = ANY($2::int[]) AND status IN ('pending', 'processing')`,
      [importId, rowNumbers],
    );
    const unsettled: number[] = [];
    for (const { row } of unfinished) {
      const settled = await runInLane('bulk', () =>
        this.org.send<SettleIdempotencyKeyReply>(OrgPatterns.idempotencyKeySettle, {
          organizationId: record.organizationId,
          idempotencyKey: rowKey(record, row),
        } satisfies SettleIdempotencyKeyCommand),
      ).catch(() => undefined);
      if (settled?.state !== 'done') {
        unsettled.push(row);
        continue;
      }
      const { outcome } = settled;
      await this.outcomes.record(
        importId,
        row,
        outcome.ok
          ? { status: 'succeeded', technicianId: this.createdId(record, outcome.reply) }
          : { status: 'failed', errors: rowErrors(new RpcCallError(outcome.error, 'org')) },
      );
    }
    if (unsettled.length > 0)
      throw new Error(`rows ${unsettled.join(', ')} could not be settled with org yet`);
  }

  private createdId(record: Import, reply: unknown): string | null {
    return record.dryRun ? null : (reply as TechnicianView).id;
  }

  private async apply(record: Import, rows: SealedRow[]): Promise<Map<number, RowOutcome>> {
    const command: CreateTechnicianBatchCommand = {
      actor: actorOf(record),
      items: rows.map((row) => creationOf(record, row)),
      dryRun: record.dryRun,
    };
    let reply: CreateTechnicianBatchReply;
    try {
      reply = await runInLane('bulk', () =>
        // It waits for org, which itself waits for identity's batch: longer than one call.
        this.org.send<CreateTechnicianBatchReply>(
          OrgPatterns.technicianCreateBatch,
          command,
          3 * this.settings.RPC_TIMEOUT_MS + 1000,
        ),
      );
    } catch (err) {
      if (!isRefusal(err)) throw err;
      // The whole batch refused (an item org finds invalid, an org without batches): each
      // row on its own, so that one row's refusal is that row's only.
      const outcomes = new Map<number, RowOutcome>();
      for (const row of rows) outcomes.set(row.row, await this.applyOne(record, row));
      return outcomes;
    }
    const outcomes = new Map<number, RowOutcome>();
    rows.forEach((row, i) => {
      const result = reply.results[i];
      if (!result.ok && !isRefusal(new RpcCallError(result.error, 'org')))
        throw new RpcCallError(result.error, 'org');
      outcomes.set(
        row.row,
        result.ok
          ? { status: 'succeeded', technicianId: this.createdId(record, result.reply) }
          : { status: 'failed', errors: rowErrors(new RpcCallError(result.error, 'org')) },
      );
    });
    return outcomes;
  }

  /** One row as `org.technician.create.v1`, what a batch is made of. */
  private async applyOne(record: Import, row: SealedRow): Promise<RowOutcome> {
    const command: CreateTechnicianCommand = {
      actor: actorOf(record),
      ...creationOf(record, row),
      dryRun: record.dryRun,
    };
    try {
      const created = await runInLane('bulk', () =>
        this.org.send<TechnicianView>(
          OrgPatterns.technicianCreate,
          command,
          2 * this.settings.RPC_TIMEOUT_MS + 1000,
        ),
      );
      return { status: 'succeeded', technicianId: this.createdId(record, created) };
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return { status: 'failed', errors: rowErrors(err) };
    }
  }
}

/**
 * What a row creates: its technician (in the import's global group when it has one: the
 * upload's validateRows put it there, once), with its key.
 */
function creationOf(record: Import, row: SealedRow): CreateTechnicianBatchItem {
  return {
    ...row.technician,
    sealedPassword: row.sealedPassword,
    idempotencyKey: rowKey(record, row.row),
    // Its own row, for the event's origin (`imports/<id>/rows/<row>`): the actor is the batch's.
    row: row.row,
  };
}

/** The administrator who uploaded the import: its rows act for them. */
function actorOf(record: Import): CreateTechnicianCommand['actor'] {
  return {
    accountId: record.createdBy,
    organizationId: record.organizationId,
    role: record.createdByRole,
    origin: { channel: 'import', importId: record.id },
  };
}

/**
 * A refusal, which is the row's outcome; anything else (an unknown outcome, a sealing key
 * org does not know yet) is retried.
 */
function isRefusal(err: unknown): err is RpcCallError {
  return (
    err instanceof RpcCallError &&
    !err.outcomeUnknown &&
    err.code !== ErrorCodes.SEALING_KEY_UNKNOWN
  );
}

/** A row's idempotency key: a retry of the row never makes a second technician. */
function rowKey(record: Import, row: number): string {
  return `${record.id}:${row}`;
}
