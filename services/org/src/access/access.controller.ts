import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AccountStandingReply,
  ActorScopeReply,
  GetActorScopeQuery,
  AuthorizeQuery,
  AuthorizeReply,
  EndSessionsCommand,
  GetProfileQuery,
  LookupAccountBySsoIdQuery,
  LookupAccountQuery,
  OrgPatterns,
  ProfileReply,
  SignOutCommand,
} from '@app/contracts';
import { ScopePolicy } from '../scope/scope-policy';
import { AccessService } from './access.service';

@Controller()
/** An account's sign-in lookup, profile and sessions, `org.authorize.v1` and the actor's scope. */
export class AccessController {
  constructor(
    private readonly accounts: AccessService,
    private readonly scope: ScopePolicy,
  ) {}

  @MessagePattern(OrgPatterns.accountLookup)
  lookup(@Payload() query: LookupAccountQuery): Promise<AccountStandingReply> {
    return this.accounts.lookup(query.email);
  }

  @MessagePattern(OrgPatterns.accountLookupBySsoId)
  lookupBySsoId(@Payload() query: LookupAccountBySsoIdQuery): Promise<AccountStandingReply> {
    return this.accounts.lookupBySsoId(query.organizationId, query.ssoId);
  }

  @MessagePattern(OrgPatterns.profileGet)
  profile(@Payload() query: GetProfileQuery): Promise<ProfileReply> {
    return this.accounts.profile(query.actor);
  }

  @MessagePattern(OrgPatterns.sessionsEnd)
  async endSessions(@Payload() command: EndSessionsCommand): Promise<Record<string, never>> {
    await this.accounts.endSessions(command);
    return {};
  }

  @MessagePattern(OrgPatterns.signOut)
  async signOut(@Payload() command: SignOutCommand): Promise<Record<string, never>> {
    await this.accounts.signOut(command);
    return {};
  }

  @MessagePattern(OrgPatterns.authorize)
  async authorize(@Payload() query: AuthorizeQuery): Promise<AuthorizeReply> {
    await this.scope.authorize(query.actor, query.action);
    return { allowed: true };
  }

  /** The audit log's reach: the actor's role and managed group paths, as the database says now. */
  @MessagePattern(OrgPatterns.actorScopeGet)
  async actorScope(@Payload() query: GetActorScopeQuery): Promise<ActorScopeReply> {
    const context = await this.scope.actor(query.actor);
    return { role: context.role, scopePaths: context.scopePaths };
  }
}
