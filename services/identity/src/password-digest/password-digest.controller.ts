import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CompareWithDigestsQuery,
  CompareWithDigestsReply,
  DigestPasswordsQuery,
  DigestPasswordsReply,
  IdentityPatterns,
} from '@app/contracts';
import { SealingKeysService } from '../sealing/sealing-keys.service';
import { PasswordDigestsService } from './password-digests.service';

@Controller()
export class PasswordDigestController {
  constructor(
    private readonly sealingKeys: SealingKeysService,
    private readonly digests: PasswordDigestsService,
  ) {}

  @MessagePattern(IdentityPatterns.passwordDigest)
  async digest(@Payload() query: DigestPasswordsQuery): Promise<DigestPasswordsReply> {
    const passwordDigests: string[] = [];
    // One box at a time: each open is a WebCrypto call, and a batch is at most 100.
    for (const [i, sealed] of query.sealedPasswords.entries()) {
      const password = await this.sealingKeys.openPassword(sealed, `sealedPasswords[${i}]`);
      passwordDigests.push(this.digests.digest(password));
    }
    return { passwordDigests };
  }

  @MessagePattern(IdentityPatterns.passwordDigestCompare)
  async compare(@Payload() query: CompareWithDigestsQuery): Promise<CompareWithDigestsReply> {
    const equal: boolean[] = [];
    for (const [i, item] of query.items.entries()) {
      const password = await this.sealingKeys.openPassword(
        item.sealedPassword,
        `items[${i}].sealedPassword`,
      );
      equal.push(this.digests.matches(item.passwordDigest, password));
    }
    return { equal };
  }
}
