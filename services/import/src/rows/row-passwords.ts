import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorCodes } from '@app/contracts';
import {
  atRestKeyId,
  decryptAtRest,
  encryptAtRest,
  rpcError,
  SealedBoxError,
  SealingKeyPair,
  SealingKeyStore,
} from '@app/platform';

/** A row's password as stored: encrypted to this service's key, or (older rows) sealed to identity's. */
export interface StoredRowPassword {
  row: number;
  encryptedPassword: string | null;
  sealedPassword: string | null;
}

/** Rows re-encrypted per statement when a key is retired. */
const REENCRYPT_CHUNK = 500;

/**
 * The passwords of import rows while they wait: encrypted to this service's own sealing
 * key (secret-at-rest.ts: AES-GCM, microseconds a row), never to identity's, which could be
 * retired before the row is sent and which this service cannot open to seal again. They are
 * sealed to identity's current key only when their batch is sent (ImportBatchRunner). A
 * retirement of this service's key re-encrypts the waiting rows to the current key in its
 * own transaction, after every upload that used the retired key has committed (an upload
 * holds its key until then: `SealingKeyStore.lockCurrent`): no row is left behind.
 */
@Injectable()
export class RowPasswords implements OnModuleInit {
  constructor(private readonly keys: SealingKeyStore) {}

  onModuleInit(): void {
    this.keys.onRetire((manager, retired, current) => this.reencrypt(manager, retired, current));
  }

  /**
   * The passwords of an upload's rows, encrypted in the caller's transaction (the one that
   * stores them), to the current key held until it commits. Null where a row has none.
   */
  async encrypt(
    manager: EntityManager,
    importId: string,
    rows: { row: number; password: string | undefined }[],
  ): Promise<(string | null)[]> {
    const key = await this.keys.lockCurrent(manager);
    return rows.map(({ row, password }) =>
      password === undefined ? null : encryptAtRest(password, key, contextOf(importId, row)),
    );
  }

  /**
   * The password of a claimed row: its plaintext, or the box an older row was stored with.
   * SEALING_KEY_UNKNOWN when a retirement re-encrypted it since it was read (its batch is
   * tried again and reads it anew).
   */
  async open(importId: string, stored: StoredRowPassword): Promise<Buffer | string> {
    if (!stored.encryptedPassword) {
      if (stored.sealedPassword) return stored.sealedPassword;
      throw new Error(`row ${stored.row} of import ${importId} has no password`);
    }
    const key = await this.keys.keyPair(atRestKeyId(stored.encryptedPassword));
    try {
      return decryptAtRest(stored.encryptedPassword, key, contextOf(importId, stored.row));
    } catch (err) {
      if (!(err instanceof SealedBoxError)) throw err;
      throw rpcError(ErrorCodes.MESSAGE_INVALID, `the password of row ${stored.row} is damaged`);
    }
  }

  /** Re-encrypts every waiting row's password from the retired key to the current one. */
  private async reencrypt(
    manager: EntityManager,
    retired: SealingKeyPair,
    current: SealingKeyPair,
  ): Promise<void> {
    for (;;) {
      const rows: { importId: string; row: number; encrypted: string }[] = await manager.query(
        `SELECT r.import_id AS "importId", r."row", r.encrypted_password AS encrypted
           FROM import_rows r JOIN imports i ON i.id = r.import_id AND i.finished_at IS NULL
          WHERE r.status IN ('pending', 'processing') AND r.encrypted_password LIKE $1
          LIMIT $2 FOR UPDATE OF r`,
        [`aes.${retired.keyId}.%`, REENCRYPT_CHUNK],
      );
      if (rows.length === 0) return;
      const again = rows.map(({ importId, row, encrypted }) => {
        const context = contextOf(importId, row);
        return encryptAtRest(decryptAtRest(encrypted, retired, context), current, context);
      });
      await manager.query(
        `UPDATE import_rows r SET encrypted_password = v.encrypted
           FROM unnest($1::uuid[], $2::int[], $3::text[]) AS v(import_id, "row", encrypted)
          WHERE r.import_id = v.import_id AND r."row" = v."row"`,
        [rows.map((r) => r.importId), rows.map((r) => r.row), again],
      );
    }
  }
}

/** What a row's password is bound to: it decrypts for that row only. */
function contextOf(importId: string, row: number): string {
  return `${importId}:${row}`;
}
