import { Injectable } from '@nestjs/common';
import { SealingKeyStore } from '@app/platform';
import { normalizePassword } from './normalize-password';

/** Identity's sealing key: passwords are sealed to it wherever they enter the system. */
@Injectable()
export class SealingKeysService {
  constructor(private readonly store: SealingKeyStore) {}

  /**
   * Opens a sealed password, in Unicode NFC (how passwords are checked, hashed and verified).
   * A box for a key identity does not hold is SEALING_KEY_UNKNOWN.
   */
  async openPassword(sealed: string, field = 'sealedPassword'): Promise<string> {
    return normalizePassword((await this.store.open(sealed, field)).toString('utf8'));
  }
}
