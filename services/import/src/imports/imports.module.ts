import { Module } from '@nestjs/common';
import { ImportPatterns } from '@app/contracts';
import { passwordSealerProvider, sealingKeyController, SealingKeyStoreModule } from '@app/platform';
import { ImportBatchProcessor } from '../jobs/import-batch.processor';
import { ImportRecoveryService } from '../jobs/import-recovery.service';
import { ImportRowsQueue } from '../jobs/import-rows.queue';
import { ImportRowsQueueModule } from '../jobs/queues';
import { ImportBatchRunner } from '../rows/import-batch.runner';
import { RowOutcomesService } from '../rows/row-outcomes.service';
import { RowPasswords } from '../rows/row-passwords';
import { ImportTemplatesService } from '../templates/import-templates.service';
import { ImportCancelService } from './import-cancel.service';
import { ImportIdempotencyKeyExpiry } from './import-idempotency-key-expiry';
import { ImportUploadService } from './import-upload.service';
import { ImportsQueryService } from './imports-query.service';
import { ImportsController } from './imports.controller';

@Module({
  imports: [SealingKeyStoreModule, ImportRowsQueueModule],
  controllers: [ImportsController, sealingKeyController(ImportPatterns)],
  providers: [
    passwordSealerProvider,
    ImportUploadService,
    RowPasswords,
    ImportsQueryService,
    ImportCancelService,
    ImportRowsQueue,
    RowOutcomesService,
    ImportTemplatesService,
    ImportBatchRunner,
    ImportBatchProcessor,
    ImportRecoveryService,
    ImportIdempotencyKeyExpiry,
  ],
})
export class ImportsModule {}
