import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Actor } from '../actor';
import type { Role } from '../roles';

/** Request `org.account.profile.get.v1`: the signed-in account's own profile. */
export class GetProfileQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

export interface ProfileReply {
  id: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  name: string;
  email: string;
  enabled: boolean;
}
