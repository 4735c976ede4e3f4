import {
  CancelImportCommand,
  GetImportQuery,
  GetImportReportQuery,
  GetImportTemplateQuery,
  ListImportItemsQuery,
  ListImportsQuery,
  UploadImportCommand,
} from '../imports/import';
import { RetireSealingKeyCommand } from '../identity/sealing-key-get';
import { EventPatterns, ImportPatterns } from '../patterns';
import { CommandEntry, health, PatternsOf } from './catalog-entry';

/** import's part of COMMAND_CATALOG (message-catalog.ts), apart to keep each file short. */
export const IMPORT_COMMANDS: Record<PatternsOf<typeof ImportPatterns>, CommandEntry> = {
  [ImportPatterns.health]: health('import'),
  [ImportPatterns.sealingKeyGet]: {
    reply: 'SealingKeyReply',
    summary: 'The public key to seal import files to (HPKE).',
    audience: 'public',
  },
  [ImportPatterns.sealingKeyRotate]: {
    reply: 'SealingKeyReply',
    summary: 'A new file sealing key becomes current; the older ones open until retired.',
    audience: 'operator',
  },
  [ImportPatterns.sealingKeyRetire]: {
    request: RetireSealingKeyCommand,
    reply: 'SealingKeyReply',
    summary: 'Files sealed to this key are refused from now on.',
    audience: 'operator',
  },
  [ImportPatterns.upload]: {
    request: UploadImportCommand,
    reply: 'ImportView',
    summary: 'Starts an import (or a dry run) of a sealed CSV or JSON file.',
    audience: 'public',
    emits: [EventPatterns.importStarted, EventPatterns.importCompleted],
  },
  [ImportPatterns.get]: {
    request: GetImportQuery,
    reply: 'ImportView',
    summary: 'An import and its progress.',
    audience: 'public',
  },
  [ImportPatterns.list]: {
    request: ListImportsQuery,
    reply: 'ImportPage',
    summary: "The organization's imports, newest first.",
    audience: 'public',
  },
  [ImportPatterns.itemsList]: {
    request: ListImportItemsQuery,
    reply: 'ImportItemPage',
    summary: "An import's rows and their outcomes.",
    audience: 'public',
  },
  [ImportPatterns.reportGet]: {
    request: GetImportReportQuery,
    reply: 'ImportReportReply',
    summary: "An import's Import Summary.",
    audience: 'public',
  },
  [ImportPatterns.cancel]: {
    request: CancelImportCommand,
    reply: 'ImportView',
    summary: 'Cancels the rows of an import not yet applied.',
    audience: 'public',
    emits: [EventPatterns.importCancelled, EventPatterns.importCompleted],
  },
  [ImportPatterns.templateGet]: {
    request: GetImportTemplateQuery,
    reply: 'ImportTemplateReply',
    summary: 'An example import file (CSV or JSON).',
    audience: 'public',
  },
};
