import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/**
 * How a change reached the product: the CloudEvents extension attribute `channel` of its
 * event, and what the audit log shows as "from where".
 * - `rest`: the REST API (the web center included), `origin` the client's address;
 * - `scim`: a directory over SCIM, `origin` its address;
 * - `sso`: a sign-in through the organization's identity provider, `origin` the address;
 * - `amqp`: another team's service over the broker, `origin` its broker user;
 * - `import`: a row of an import, `origin` `imports/<id>/rows/<row>` (or `imports/<id>`);
 * - `cli`: an operator's command (`npm run org:restore-master`, ...), `origin` the command;
 * - `system`: the product on its own (the bootstrap, a retention pass), `origin` the service.
 */
export const CHANGE_CHANNELS = ['rest', 'scim', 'sso', 'amqp', 'import', 'cli', 'system'] as const;
export type ChangeChannel = (typeof CHANGE_CHANNELS)[number];

/**
 * Where a command came from, carried in its Actor. Set only by this product's services (the
 * gateway from the HTTP connection, the transport from the broker's `user_id`, import from
 * its row): another team's message that sets it is refused (FORBIDDEN), as `clientAddress` is.
 */
export class ChangeOrigin {
  @IsIn(CHANGE_CHANNELS)
  channel!: ChangeChannel;

  /** The client's IP address (rest, scim, sso). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  address?: string;

  /** The sender's RabbitMQ user (amqp). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  brokerUser?: string;

  /** The import whose row this is (import). */
  @IsOptional()
  @IsUUID()
  importId?: string;

  /** The row's number in its file, 1 for the first record (import). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  row?: number;

  /** The operator's command (cli), or the service acting on its own (system). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  command?: string;
}

/** The CloudEvents `origin` attribute of a change: one string, by channel (see CHANGE_CHANNELS). */
export function originAttribute(origin: ChangeOrigin): string | undefined {
  switch (origin.channel) {
    case 'rest':
    case 'scim':
    case 'sso':
      return origin.address;
    case 'amqp':
      return origin.brokerUser;
    case 'import':
      if (!origin.importId) return undefined;
      return origin.row
        ? `imports/${origin.importId}/rows/${origin.row}`
        : `imports/${origin.importId}`;
    case 'cli':
    case 'system':
      return origin.command;
  }
}
