import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import { BATCH_MAX_ITEMS, BatchItemResult } from '../batches/batch-result';
import { IsSealedSecret } from '../sealed-secret';
import { TechnicianCreation, TechnicianView } from './technician';

/** One technician of a batch: the fields of `org.technician.create.v1` without the actor. */
export class CreateTechnicianBatchItem extends TechnicianCreation {
  @IsSealedSecret()
  sealedPassword!: string;
}

/**
 * Command `org.technician.create-batch.v1`: up to BATCH_MAX_ITEMS creates of one actor (an
 * import's batch of rows), applied together: keys claimed and accounts reserved in one
 * transaction, credentials made by identity in one message, accounts activated with their
 * `org.technician.created.v1` events in one transaction. Each item is exactly
 * `org.technician.create.v1` with the batch's actor and `dryRun`: the same idempotency key
 * (per organization) gives the same outcome whichever of the two commands carried it (what
 * counts as the same command is said there; a repeated item is answered before its group is
 * looked at), and an item refused never fails the others. An item whose password was sealed
 * to a key identity no longer holds is SEALING_KEY_UNKNOWN and nothing is kept of it: seal
 * it again and send it again. Reply: one result per item, in order.
 */
export class CreateTechnicianBatchCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CreateTechnicianBatchItem)
  items!: CreateTechnicianBatchItem[];

  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export interface CreateTechnicianBatchReply {
  results: BatchItemResult<TechnicianView>[];
}
