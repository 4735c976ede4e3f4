import { ErrorCode, ErrorCodes } from '@app/contracts';

/** A problem with the whole file: it is refused before anything is stored or queued. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const malformed = (message: string, line: number, details: Record<string, unknown> = {}) =>
  new ImportFileError(ErrorCodes.MALFORMED_FILE, `${message} (line ${line})`, { line, ...details });
