import { IsIP, IsOptional } from 'class-validator';
import { EMAIL_MAX_LENGTH } from '../limits';
import { IsEmailAddress, MaxChars } from '../text-rules';
import type { Role } from '../roles';
import { IsSealedSecret } from '../sealed-secret';

/** Command `identity.auth.login.v1`: check a password and issue an access token. */
export class LoginCommand {
  @IsEmailAddress()
  @MaxChars(EMAIL_MAX_LENGTH)
  email!: string;

  @IsSealedSecret()
  sealedPassword!: string;

  /**
   * The client's address as the gateway saw it, for per-address attempt limits. Only this
   * product's gateway may set it (FORBIDDEN from another team's service).
   */
  @IsOptional()
  @IsIP()
  clientAddress?: string;
}

export interface LoginReply {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: Role;
  mustChangePassword: boolean;
}
