import { Type } from 'class-transformer';
import { IsIn, ValidateNested } from 'class-validator';
import { Actor } from '../actor';

/** Organization-wide actions whose data lives outside org (the password policy, imports). */
export const ORGANIZATION_ACTIONS = [
  'organization.settings.read',
  'organization.settings.write',
  'organization.import',
] as const;
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];

/**
 * Request `org.authorize.v1`: may this actor do this, by the one scope policy? Answers
 * `{ allowed: true }` or fails with FORBIDDEN (or ACCOUNT_NOT_FOUND for an unknown actor).
 */
export class AuthorizeQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsIn(ORGANIZATION_ACTIONS)
  action!: OrganizationAction;
}

export interface AuthorizeReply {
  allowed: true;
}
