import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { TechnicianRules } from '@app/contracts';
import { ApiFields } from '../../openapi/api-fields';

export class CreateScimTokenBody {
  @ApiProperty({ ...ApiFields.name, description: 'What the token is for, e.g. "Entra ID"' })
  @TechnicianRules.name()
  name!: string;

  @ApiProperty({
    ...ApiFields.uuid,
    description: 'The Technician Group whose subtree the directory provisions into',
  })
  @IsUUID()
  groupId!: string;
}

export class ScimTokenDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty({ ...ApiFields.uuid }) groupId!: string;
  @ApiProperty({ ...ApiFields.dateTime }) createdAt!: string;
  @ApiProperty({
    ...ApiFields.dateTime,
    nullable: true,
    description: 'When the token was last used, to the minute; null: never',
  })
  lastUsedAt!: string | null;
}

export class CreatedScimTokenDto extends ScimTokenDto {
  @ApiProperty({
    type: String,
    maxLength: 128,
    description: 'The bearer token for the directory: shown in this answer only, never again',
  })
  token!: string;
}

export class ScimTokenListDto {
  @ApiProperty({ type: [ScimTokenDto], maxItems: 100 }) items!: ScimTokenDto[];
}
