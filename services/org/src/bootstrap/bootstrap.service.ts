import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { normalizeEmail, Roles } from '@app/contracts';
import { PasswordSealer } from '@app/platform';
import { Account } from '../accounts/account.entity';
import { AccountProvisioningService } from '../accounts/account-provisioning.service';
import { OrgSettings } from '../config/env';
import { Organization } from '../organizations/organization.entity';
import { generatePassword } from './generate-password';

/** Held while bootstrapping, so that replicas starting together create one organization. */
const BOOTSTRAP_LOCK = 7_164_221_002;
const RETRY_MS = 2000;

export type BootstrapOutcome = 'created' | 'exists' | 'skipped';

/**
 * First start: creates the first organization and its Master Administrator from
 * BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD. Org owns both records; the password
 * goes to identity the way every account's does (sealed, in identity.credential.create.v1,
 * see AccountProvisioningService). Runs in the background until identity answers; later
 * starts find the administrator and do nothing.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BootstrapService.name);
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private finished = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provisioning: AccountProvisioningService,
    private readonly sealer: PasswordSealer,
    private readonly settings: OrgSettings,
  ) {}

  onApplicationBootstrap(): void {
    const attempt = (): void => {
      if (this.stopped) return;
      this.run()
        .then((outcome) => {
          this.finished = true;
          this.logger.log(`bootstrap: ${outcome}`);
        })
        .catch((err: unknown) => {
          this.logger.warn({ err }, `bootstrap not done yet, retrying in ${RETRY_MS} ms`);
          this.timer = setTimeout(attempt, RETRY_MS);
        });
    };
    attempt();
  }

  /**
   * False until the first organization and its Master Administrator exist (or were found).
   * Health reports org down until then: before it, the stack cannot be signed in to.
   */
  get isDone(): boolean {
    return this.finished;
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async run(): Promise<BootstrapOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
      return await this.bootstrapUnderLock();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  private async bootstrapUnderLock(): Promise<BootstrapOutcome> {
    const organizations = this.dataSource.getRepository(Organization);
    const accounts = this.dataSource.getRepository(Account);
    const email = this.settings.BOOTSTRAP_ADMIN_EMAIL.trim();

    let organization = await organizations.findOneBy({ createdByBootstrap: true });
    if (!organization) {
      if ((await organizations.count()) > 0) return 'skipped';
      organization = await organizations.save({
        id: randomUUID(),
        name: this.settings.BOOTSTRAP_ORGANIZATION_NAME,
        createdByBootstrap: true,
      });
    }

    // Any active account means the bootstrap ran to its end once: never make its
    // administrator again (the email may belong to an account that changed since).
    const active = await accounts.findBy({ organizationId: organization.id, state: 'active' });
    if (active.length > 0) {
      if (!active.some((a) => a.role === Roles.MASTER_ADMIN && a.enabled)) {
        this.logger.error(
          { organizationId: organization.id },
          'the first organization has no enabled Master Administrator: promote an administrator ' +
            '(accounts.role = master_admin, enabled) in the org database',
        );
      }
      return 'exists';
    }
    const masters = await accounts.findBy({
      organizationId: organization.id,
      role: Roles.MASTER_ADMIN,
    });
    // Under the lock, a provisioning administrator was left by a bootstrap that died: take it over.
    let admin = masters.find(
      (account) =>
        account.state === 'provisioning' && account.emailNormalized === normalizeEmail(email),
    );
    if (!admin) {
      if (masters.length > 0)
        throw new Error('a previous bootstrap administrator is still being undone');
      admin = await this.provisioning.insertProvisioning(this.dataSource.manager, {
        id: randomUUID(),
        organizationId: organization.id,
        role: Roles.MASTER_ADMIN,
        name: 'Master Administrator',
        email,
        enabled: true,
      });
    }

    const given = this.settings.BOOTSTRAP_ADMIN_PASSWORD;
    const password = given ?? generatePassword();
    const reply = await this.sealer.withSealed(password, (sealed) =>
      this.provisioning.complete(admin, sealed, given === undefined),
    );
    if (reply.created && given === undefined) announceGeneratedPassword(email, password);
    return 'created';
  }
}

/**
 * The one place a password is ever printed: the generated bootstrap password, once, on the
 * terminal of whoever started the stack. Written straight to stdout, not through the
 * logger, so it never reaches structured log storage as a field.
 */
function announceGeneratedPassword(email: string, password: string): void {
  process.stdout.write(
    [
      '',
      '==================================================================',
      ' Master Administrator created',
      `   email:    ${email}`,
      `   password: ${password}`,
      ' It is shown only this once and must be changed at first sign-in.',
      '==================================================================',
      '',
    ].join('\n') + '\n',
  );
}
