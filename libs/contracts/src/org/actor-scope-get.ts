import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Actor } from '../actor';
import type { Role } from '../roles';

/** Request `org.actor.scope.get.v1`: the caller's role and the groups it manages, as org says now. */
export class GetActorScopeQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

export interface ActorScopeReply {
  role: Role;
  /** Paths of the groups an Administrator manages (each reaches everything below it); [] otherwise. */
  scopePaths: string[];
}
