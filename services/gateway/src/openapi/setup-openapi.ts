import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentRateLimits } from './rate-limit-responses';
import { FieldErrorDto, ProblemDto } from './api-problems.decorator';
import { documentCommonErrors, documentCors } from './common-responses';

/** OpenAPI generated from the controllers and DTOs: UI at /docs, JSON at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Rescue Admin Center API')
    .setDescription(
      'Organization Tree, technicians, administrators, password policy and bulk import. ' +
        'Errors are application/problem+json with a stable `code`. Every endpoint is rate ' +
        'limited per token and per client address: past a limit it answers 429 ' +
        '`TOO_MANY_REQUESTS` with `Retry-After`, and the `RateLimit-Policy` and `RateLimit` ' +
        'headers tell what is left.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const generated = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto],
  });
  const document = documentCors(documentRateLimits(documentCommonErrors(generated)));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });
}
