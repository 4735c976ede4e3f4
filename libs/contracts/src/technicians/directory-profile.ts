import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '../limits';
import { MaxChars, SingleLine } from '../text-rules';

/** The longest `externalId` a directory may give a User (Entra ID and Okta send ids and names). */
export const EXTERNAL_ID_MAX_LENGTH = 255;
/** The most `emails` one User keeps. */
export const DIRECTORY_EMAILS_MAX = 10;

const Line = (max: number): PropertyDecorator => {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    MaxChars(max)(target, key);
    SingleLine()(target, key);
  };
};

/** One of a SCIM User's `emails`, as the directory sent it. */
export class DirectoryEmail {
  @MaxChars(EMAIL_MAX_LENGTH)
  @SingleLine()
  @IsString()
  value!: string;

  @Line(32)
  type?: string;

  @Line(NAME_MAX_LENGTH)
  display?: string;

  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}

/** A SCIM User's `name`, as the directory sent it. */
export class DirectoryName {
  @Line(NAME_MAX_LENGTH * 3)
  formatted?: string;

  @Line(NAME_MAX_LENGTH)
  familyName?: string;

  @Line(NAME_MAX_LENGTH)
  givenName?: string;

  @Line(NAME_MAX_LENGTH)
  middleName?: string;

  @Line(NAME_MAX_LENGTH)
  honorificPrefix?: string;

  @Line(NAME_MAX_LENGTH)
  honorificSuffix?: string;
}

/**
 * What a directory (SCIM) says of a technician that the technician's own fields have no
 * place for, kept exactly as sent so that the directory reads back what it wrote (else Entra
 * ID and Okta "correct" it on every cycle). `externalId` is the directory's id of the person:
 * per organization, filterable, not unique. Sent on a create or an update, it replaces the
 * whole profile; left out, the profile stays as it is.
 */
export class DirectoryProfile {
  @Line(EXTERNAL_ID_MAX_LENGTH)
  externalId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DIRECTORY_EMAILS_MAX)
  @ValidateNested({ each: true })
  @Type(() => DirectoryEmail)
  emails?: DirectoryEmail[];

  @IsOptional()
  @ValidateNested()
  @Type(() => DirectoryName)
  name?: DirectoryName;
}
