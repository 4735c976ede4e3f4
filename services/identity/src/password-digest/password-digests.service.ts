import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { digestMatches, digestPassword } from './password-digest';
import { PasswordDigestSecret } from './password-digest-secret.entity';

/**
 * Keyed, salted digests of passwords (password-digest.ts), so that org can keep with an
 * idempotency key what tells a repeat from another request without keeping the password,
 * or a box that stops opening once its sealing key is retired. HMAC-SHA256 under a random
 * secret kept in identity's database: whoever reads the digests (org's database) without
 * that secret learns nothing, not even which passwords are alike (each digest has its own
 * salt); never a plain hash, which a dictionary reverses.
 */
@Injectable()
export class PasswordDigestsService implements OnModuleInit {
  private secret!: Buffer;

  constructor(
    @InjectRepository(PasswordDigestSecret)
    private readonly secrets: Repository<PasswordDigestSecret>,
  ) {}

  /** The first replica to start makes the secret; every one reads the row that won. */
  async onModuleInit(): Promise<void> {
    await this.secrets
      .createQueryBuilder()
      .insert()
      .values({ id: 1, secret: randomBytes(32) })
      .orIgnore()
      .execute();
    this.secret = (await this.secrets.findOneByOrFail({ id: 1 })).secret;
  }

  digest(password: string): string {
    return digestPassword(this.secret, password);
  }

  matches(digest: string, password: string): boolean {
    return digestMatches(this.secret, digest, password);
  }
}
