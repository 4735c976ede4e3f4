import { randomUUID } from 'node:crypto';
import { commandQueueName } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, Reply, TestBroker } from './broker';
import { BrokerTeams } from './broker-teams';
import { queryDatabase } from './databases';
import { createGroup, GOOD_PASSWORD, uniqueEmail } from './fixtures';
import { stackSession, StackSession } from './stack-session';

/** A stack session with the org service's command queue and a group (with Chat) to create in. */
export interface OtherTeamSession extends StackSession {
  groupId: string;
  orgQueue: string;
}

/**
 * Declares, in the `describe` it is called in, a stack session (`label`) with another team's
 * service on its queues: its own broker user, made by `npm run broker:client`, which is not
 * one of our services (no `user_id` of ours).
 */
export function otherTeamSession(label: string) {
  /** Another team's service: its own broker user. */
  let team: TestBroker | undefined;
  let teams: BrokerTeams | undefined;
  let sealedPassword: string;
  const session = stackSession(label, {
    broker: true,
    cleanUp: async () => {
      await team?.close();
      await teams?.removeAll();
    },
  }) as OtherTeamSession;

  beforeAll(async () => {
    const { stack, broker, master } = session;
    session.orgQueue = commandQueueName(stack.env.prefix, 'org');
    session.groupId = (await createGroup(stack.api, session.token, { permissions: ['Chat'] })).id;
    sealedPassword = await seal(GOOD_PASSWORD, await broker.sealingKey(stack.env.prefix));
    teams = new BrokerTeams(stack.env);
    team = await TestBroker.connect((await teams.make('principals', [master.organizationId])).url);
  });

  /** A technician create command as the Master Administrator (as the payload claims). */
  function createCommand(fields: Record<string, unknown> = {}) {
    const email = uniqueEmail('principal');
    return {
      actor: session.master,
      groupId: session.groupId,
      name: `Principal ${email.split('@')[0]}`,
      email,
      sealedPassword,
      idempotencyKey: `ext:${randomUUID()}`,
      ...fields,
    };
  }

  /** Sends as another team's service: its own broker user; `token` as its only proof. */
  async function asOtherService(queue: string, pattern: string, data: object, token?: string) {
    const headers = token ? { authorization: `Bearer ${token}` } : undefined;
    return (await team!.publish(queue, packet(pattern, data), { reply: true, headers })) as Reply;
  }

  async function technicianCount(email: string): Promise<number> {
    const rows = await queryDatabase<{ n: string }>(
      session.stack.env.databases.org,
      'SELECT count(*) AS n FROM accounts WHERE email_normalized = lower($1)',
      [email],
    );
    return Number(rows[0].n);
  }

  return { session, createCommand, asOtherService, technicianCount };
}
