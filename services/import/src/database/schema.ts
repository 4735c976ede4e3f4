import { OutboxEvent, SealingKey } from '@app/platform';
import { ImportRow } from './import-row.entity';
import { Import } from './import.entity';
import { Initial1795569864176 } from '../migrations/1795569864176-Initial';
import { ImportEncoding1796062328533 } from '../migrations/1796062328533-ImportEncoding';
import { ImportPriorityBase1796100000000 } from '../migrations/1796100000000-ImportPriorityBase';
import { SealingKeyRetirement1796200000000 } from '../migrations/1796200000000-SealingKeyRetirement';
import { RowPasswordsAtRest1796300000000 } from '../migrations/1796300000000-RowPasswordsAtRest';

export const entities = [Import, ImportRow, SealingKey, OutboxEvent];
export const migrations = [
  Initial1795569864176,
  ImportEncoding1796062328533,
  ImportPriorityBase1796100000000,
  SealingKeyRetirement1796200000000,
  RowPasswordsAtRest1796300000000,
];
