import { Injectable } from '@nestjs/common';
import { OrgSettings } from '../config/env';

/** How long an account may stay unfinished (or a deletion unfinished) before the sweep takes it. */
@Injectable()
export class AccountDeadlines {
  constructor(private readonly settings: OrgSettings) {}

  /** How long an unfinished account may wait for its credential before it is undone. */
  get windowMs(): number {
    return 3 * this.settings.RPC_TIMEOUT_MS;
  }

  /**
   * How long a batch of credentials may take (identity hashes it among other batches):
   * within the window, so that the sweep never undoes accounts whose answer may still come.
   */
  get batchCallTimeoutMs(): number {
    return 2 * this.settings.RPC_TIMEOUT_MS;
  }

  next(): Date {
    return new Date(Date.now() + this.windowMs);
  }
}
