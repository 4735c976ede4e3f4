import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DependencyExplanation, DependencyStatus, normalizeEmail, Roles } from '@app/contracts';
import { eventOrigin, Outbox, PasswordSealer } from '@app/platform';
import { AccountCreationSaga } from '../accounts/account-creation.saga';
import { AccountDeadlines } from '../accounts/account-deadlines';
import { AccountStore } from '../accounts/account.store';
import { OrgSettings } from '../config/env';
import { Organization } from '../entities/organization.entity';
import { BootstrapProblem, explainBootstrapFailure, NO_ENABLED_MASTER } from './bootstrap-problem';
import { generatePassword } from './generate-password';
import { publishOrganizationCreated } from '../organizations/organization-created';

/** Held while bootstrapping, so that replicas starting together create one organization. */
const BOOTSTRAP_LOCK = 7_164_221_002;
const RETRY_MS = 2000;
/** A bootstrap that waits for an operator tries again less often (the data may be fixed meanwhile). */
const STUCK_RETRY_MS = 15_000;
/** A bootstrap waiting for identity says so at most this often. */
const WAITING_LOG_EVERY_MS = 30_000;

export type BootstrapOutcome = 'created' | 'exists' | 'skipped';

/**
 * First start: creates the first organization and its Master Administrator from
 * BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD. Org owns both records; the password
 * goes to identity the way every account's does (sealed, in identity.credential.create.v1,
 * see AccountCreationSaga). Runs in the background until identity answers; later
 * starts find the administrator and do nothing.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BootstrapService.name);
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private finished = false;
  private problem?: BootstrapProblem;
  private lastWaitingLogAt = 0;
  /** The organization the bootstrap made (or found), once it finished. */
  private organizationId?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountStore,
    private readonly deadlines: AccountDeadlines,
    private readonly creation: AccountCreationSaga,
    private readonly sealer: PasswordSealer,
    private readonly settings: OrgSettings,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    const attempt = (): void => {
      if (this.stopped) return;
      this.run()
        .then(async (outcome) => {
          this.finished = true;
          this.problem = undefined;
          this.logger.log(`bootstrap: ${outcome}`);
          if (this.organizationId && !(await this.hasEnabledMaster(this.organizationId))) {
            this.report(NO_ENABLED_MASTER);
          }
        })
        .catch((err: unknown) => {
          const problem = explainBootstrapFailure(err);
          this.report(problem, err);
          this.timer = setTimeout(attempt, problem.kind === 'stuck' ? STUCK_RETRY_MS : RETRY_MS);
        });
    };
    attempt();
  }

  /**
   * Up once the first organization and its Master Administrator exist (or were found), and
   * for as long as that organization has an enabled Master Administrator. Health reports
   * org down otherwise, with the reason and what an operator can do: a healthy stack can
   * always be signed in to and run.
   */
  async health(): Promise<{ status: DependencyStatus; explanation?: DependencyExplanation }> {
    if (!this.finished) {
      const { reason, action } = this.problem ?? { reason: 'starting' };
      return { status: 'down', explanation: { reason, ...(action ? { action } : {}) } };
    }
    if (this.organizationId && !(await this.hasEnabledMaster(this.organizationId))) {
      const { reason, action } = NO_ENABLED_MASTER;
      return { status: 'down', explanation: { reason, action } };
    }
    return { status: 'up' };
  }

  /** One line per new reason: an operator's problem is said once, clearly, not every retry. */
  private report(problem: BootstrapProblem, err?: unknown): void {
    const now = Date.now();
    const repeated = this.problem?.reason === problem.reason;
    this.problem = problem;
    if (problem.kind === 'stuck') {
      if (repeated) return;
      this.logger.error(
        { reason: problem.reason, action: problem.action },
        `the bootstrap cannot finish: ${problem.reason}. To fix it: ${problem.action}`,
      );
    } else if (!repeated || now - this.lastWaitingLogAt >= WAITING_LOG_EVERY_MS) {
      this.lastWaitingLogAt = now;
      this.logger.warn({ err }, `bootstrap ${problem.reason}`);
    }
  }

  private async hasEnabledMaster(organizationId: string): Promise<boolean> {
    return (await this.accounts.enabledMasters(organizationId)) > 0;
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
    const email = this.settings.BOOTSTRAP_ADMIN_EMAIL.trim();

    let organization = await organizations.findOneBy({ createdByBootstrap: true });
    this.organizationId = organization?.id;
    if (!organization) {
      if ((await organizations.count()) > 0) return 'skipped';
      organization = await organizations.save({
        id: randomUUID(),
        name: this.settings.BOOTSTRAP_ORGANIZATION_NAME,
        createdByBootstrap: true,
      });
      this.organizationId = organization.id;
    }

    // Any active account means the bootstrap ran to its end once: never make its
    // administrator again (the email may belong to an account that changed since).
    const active = await this.accounts.hasActive(organization.id);
    // Without an enabled Master Administrator among them, health says so (NO_ENABLED_MASTER).
    if (active) return 'exists';
    const masters = await this.accounts.masters(organization.id);
    // Under the lock, a provisioning administrator was left by a bootstrap that died: take it over.
    let admin = masters.find(
      (account) =>
        account.state === 'provisioning' && account.emailNormalized === normalizeEmail(email),
    );
    if (!admin) {
      if (masters.length > 0)
        throw new Error('a previous bootstrap administrator is still being undone');
      admin = await this.accounts.insert(
        this.dataSource.manager,
        {
          id: randomUUID(),
          organizationId: organization.id,
          role: Roles.MASTER_ADMIN,
          name: 'Master Administrator',
          email,
          enabled: true,
        },
        this.deadlines.next(),
      );
    }

    const given = this.settings.BOOTSTRAP_ADMIN_PASSWORD;
    const password = given ?? generatePassword();
    const reply = await this.sealer.withSealed(password, (sealed) =>
      this.creation.completeWithoutKey(admin, sealed, given === undefined, (manager) =>
        // The product on its own: the events name the new administrator as the principal.
        publishOrganizationCreated(
          this.outbox,
          manager,
          eventOrigin({
            accountId: admin.id,
            organizationId: organization.id,
            origin: { channel: 'system', command: 'bootstrap' },
          }),
          organization,
          admin,
        ),
      ),
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
