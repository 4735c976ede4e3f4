import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { Observable } from 'rxjs';
import { ErrorCodes, MAX_IMPORT_BYTES } from '@app/contracts';
import { jsonShapeProblem } from '../http/json-body';
import { ProblemException } from '../problem/problem.exception';

/**
 * Reads the multipart upload with multer (busboy underneath) into memory, never more than
 * the 1 MiB the spec allows: past it, busboy stops and this answers 413 FILE_TOO_LARGE.
 * One file, in the field `file`; a few small fields (groupId, dryRun).
 */
const options: multer.Options & { defParamCharset: string } = {
  storage: multer.memoryStorage(),
  // File names as browsers send them: UTF-8 (busboy's default is latin1), and whole, so
  // that a name that is only a folder ("\\", "a/") is not taken for a missing file; the
  // controller keeps the last part of it.
  defParamCharset: 'utf8',
  preservePath: true,
  limits: {
    fileSize: MAX_IMPORT_BYTES,
    files: 1,
    fields: 8,
    fieldSize: 1024,
    parts: 10,
    headerPairs: 100,
  },
};
const upload = multer(options).single('file');

@Injectable()
export class ImportFileInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (!request.is('multipart/form-data')) {
      throw new ProblemException(
        ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        'upload the file as multipart/form-data, in the field "file"',
      );
    }
    await new Promise<void>((resolve, reject) =>
      upload(request, http.getResponse<Response>(), (err: unknown) =>
        err ? reject(toProblem(err)) : resolve(),
      ),
    );
    const problem = jsonShapeProblem(request.body);
    if (problem?.kind === 'forbidden-key') {
      throw new ProblemException(
        ErrorCodes.VALIDATION_FAILED,
        `property ${problem.path} should not exist`,
        [
          {
            field: problem.path,
            code: 'UNKNOWN_FIELD',
            message: `form field ${problem.path} should not exist`,
          },
        ],
      );
    }
    return next.handle();
  }
}

function toProblem(err: unknown): ProblemException {
  if (err instanceof MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new ProblemException(
          ErrorCodes.FILE_TOO_LARGE,
          `files are limited to ${MAX_IMPORT_BYTES} bytes (1 MiB)`,
          [],
          {
            limit: MAX_IMPORT_BYTES,
          },
        );
      case 'LIMIT_UNEXPECTED_FILE':
        return new ProblemException(
          ErrorCodes.VALIDATION_FAILED,
          'send one file, in the field "file"',
          [
            {
              field: err.field ?? 'file',
              code: 'UNEXPECTED_FILE',
              message: 'only one file, named "file", is expected',
            },
          ],
        );
      default:
        return new ProblemException(
          ErrorCodes.VALIDATION_FAILED,
          `the upload was refused: ${err.message}`,
          [{ field: err.field ?? 'file', code: err.code, message: err.message }],
        );
    }
  }
  return new ProblemException(ErrorCodes.VALIDATION_FAILED, 'the multipart body cannot be read', [
    { field: 'file', code: 'MALFORMED_MULTIPART', message: 'the multipart body cannot be read' },
  ]);
}
