import { Injectable } from '@nestjs/common';
import { GatewaySettings } from '../config/env';

/** The gateway's public address (PUBLIC_URL, or where it listens) and whether it is https. */
@Injectable()
export class PublicUrl {
  readonly base: string;
  readonly secure: boolean;

  constructor(settings: GatewaySettings) {
    this.base = settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
    this.secure = this.base.startsWith('https:');
  }
}
