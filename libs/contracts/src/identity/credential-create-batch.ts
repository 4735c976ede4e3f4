import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { BATCH_MAX_ITEMS, BatchItemResult } from '../batches/batch-result';
import { IsSealedSecret } from '../sealed-secret';
import type { CreateCredentialReply } from './credential-create';

export class CreateCredentialBatchItem {
  @IsUUID()
  accountId!: string;

  @IsSealedSecret()
  sealedPassword!: string;
}

/**
 * Command `identity.credential.create-batch.v1`: `identity.credential.create.v1` for up to
 * BATCH_MAX_ITEMS accounts of one organization (an import's batch of rows), hashed in
 * parallel and stored in one statement. Each item is idempotent by its `accountId`, as the
 * single create; each has its own result (PASSWORD_POLICY, CONFLICT for a revoked account).
 */
export class CreateCredentialBatchCommand {
  @IsUUID()
  organizationId!: string;

  @IsBoolean()
  setByAdministrator!: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CreateCredentialBatchItem)
  items!: CreateCredentialBatchItem[];
}

/** One result per item, in the items' order. */
export interface CreateCredentialBatchReply {
  results: BatchItemResult<CreateCredentialReply>[];
}
