import { Transform } from 'class-transformer';
import { isEmail, ValidateBy, ValidationOptions } from 'class-validator';
import { EMAIL_VALIDATION_OPTIONS } from './limits';

/** Trims strings (names are trimmed by the spec); leaves anything else for validation to refuse. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * Text that is Unicode: no lone surrogate halves (JSON can carry them; a database cannot
 * store them as given, so they would not come back as they were sent).
 */
export function isWellFormedText(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Characters as Postgres counts them (code points), not UTF-16 units. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/**
 * At most `max` characters (code points), which is what a varchar(max) column holds. Named
 * maxLength so that it reads as FIELD_TOO_LONG like class-validator's own.
 */
export const MaxChars = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && characterCount(value) <= max,
        defaultMessage: () => `$property must be at most ${max} characters long`,
      },
    },
    options,
  );

/** An email address (well-formed text first: the email check itself chokes on lone surrogates). */
export const IsEmailAddress = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isEmail',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isWellFormedText(value) &&
          isEmail(value, EMAIL_VALIDATION_OPTIONS),
        defaultMessage: () => '$property must be an email address',
      },
    },
    options,
  );

function textRule(name: string, allowed: RegExp, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isWellFormedText(value) && allowed.test(value),
        defaultMessage: () => '$property must be text without control characters',
      },
    },
    options,
  );
}

/** One line of text: no control characters at all (they break lists, CSVs and terminals). */
// eslint-disable-next-line no-control-regex
export const SINGLE_LINE_PATTERN = /^[^\u0000-\u001f\u007f]*$/u;

/** Free text: line breaks and tabs are fine, NUL and other control characters are not. */
// eslint-disable-next-line no-control-regex
export const PLAIN_TEXT_PATTERN = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/u;

export const SingleLine = (options?: ValidationOptions): PropertyDecorator =>
  textRule('singleLine', SINGLE_LINE_PATTERN, options);

export const PlainText = (options?: ValidationOptions): PropertyDecorator =>
  textRule('plainText', PLAIN_TEXT_PATTERN, options);

/** Any text, as long as it is Unicode (for passwords: a lone surrogate would be stored as another character). */
export const WellFormedText = (options?: ValidationOptions): PropertyDecorator =>
  textRule('wellFormedText', /^/u, options);
