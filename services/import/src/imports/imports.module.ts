import { Module } from '@nestjs/common';
import { ImportPatterns } from '@app/contracts';
import { passwordSealerProvider, sealingKeyController, SealingKeyStoreModule } from '@app/platform';
import { ImportRecoveryService } from '../jobs/import-recovery.service';
import { ImportRowsQueueModule } from '../jobs/queues';
import { ImportBatchProcessor } from '../jobs/import-batch.processor';
import { ImportBatchRunner } from '../jobs/import-batch.runner';
import { ImportTemplatesService } from '../templates/import-templates.service';
import { ImportOutcomesService } from './import-outcomes.service';
import { ImportUploadService } from './import-upload.service';
import { RowPasswords } from './row-passwords';
import { ImportsController } from './imports.controller';
import { ImportsQueryService } from './imports-query.service';

@Module({
  imports: [SealingKeyStoreModule, ImportRowsQueueModule],
  controllers: [ImportsController, sealingKeyController(ImportPatterns)],
  providers: [
    passwordSealerProvider,
    ImportUploadService,
    RowPasswords,
    ImportsQueryService,
    ImportOutcomesService,
    ImportTemplatesService,
    ImportBatchRunner,
    ImportBatchProcessor,
    ImportRecoveryService,
  ],
})
export class ImportsModule {}
