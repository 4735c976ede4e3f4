import { ApiProperty } from '@nestjs/swagger';
import {
  ED25519_PUBLIC_KEY_PATTERN,
  MAX_PAGE_SIZE,
  SERVICE_SCOPES,
  ServicePrincipalFields,
} from '@app/contracts';
import type { ServiceScope } from '@app/contracts';
import { ApiFields } from '../../openapi/api-fields';

const publicKey = {
  type: String,
  pattern: ED25519_PUBLIC_KEY_PATTERN.source,
  maxLength: 43,
  description: 'The Ed25519 public key: its 32 raw bytes in base64url, without padding',
};

const scopes = {
  enum: SERVICE_SCOPES,
  isArray: true,
  minItems: 1,
  maxItems: SERVICE_SCOPES.length,
  uniqueItems: true,
};

export class CreateServicePrincipalBody extends ServicePrincipalFields {
  @ApiProperty({ ...ApiFields.name }) override name!: string;
  @ApiProperty({ ...scopes, description: 'What the service may do as itself' })
  override scopes!: ServiceScope[];
  @ApiProperty(publicKey) override publicKey!: string;
}

/** An account named on a principal; name and email are null once the account is gone. */
export class ServicePrincipalAccountDto {
  @ApiProperty({ ...ApiFields.uuid }) accountId!: string;
  @ApiProperty({ ...ApiFields.name, type: String, nullable: true }) name!: string | null;
  @ApiProperty({ ...ApiFields.email, type: String, nullable: true }) email!: string | null;
}

export class ServicePrincipalDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.uuid }) organizationId!: string;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty(scopes) scopes!: ServiceScope[];
  @ApiProperty(publicKey) publicKey!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: ServicePrincipalAccountDto, description: 'Who registered it' })
  createdBy!: ServicePrincipalAccountDto;
  @ApiProperty({ ...ApiFields.dateTime }) createdAt!: string;
  @ApiProperty({
    ...ApiFields.dateTime,
    nullable: true,
    description: 'When an assertion of it was last accepted, to the minute; null: never',
  })
  lastUsedAt!: string | null;
  @ApiProperty({ ...ApiFields.dateTime, nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: ServicePrincipalAccountDto, nullable: true, description: 'Who disabled it' })
  disabledBy!: ServicePrincipalAccountDto | null;
}

export class ServicePrincipalPageDto {
  @ApiProperty({ type: [ServicePrincipalDto], maxItems: MAX_PAGE_SIZE })
  items!: ServicePrincipalDto[];
  @ApiProperty({ ...ApiFields.cursor, nullable: true }) nextCursor!: string | null;
}
