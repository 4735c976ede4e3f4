import amqp from 'amqplib';
import { commandQueueName, deadLetterQueueName, eventsExchangeName } from '@app/contracts';
import { TestBroker } from '../support/broker';
import { brokerNames } from '../support/broker-listing';
import { BrokerTeams } from '../support/broker-teams';
import { createGroup, createTechnician } from '../support/fixtures';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * A test run leaves the broker as it found it: a representative stack (the four services,
 * a technician created, so events and both dead-letter paths exist; another team's user with
 * a durable queue of its own, which outlives its user) is started, used and stopped, and
 * afterwards the broker has no queue, exchange or user of its prefix. RabbitMQ on this
 * machine stopped answering after some 800 quorum queues of test runs had piled up.
 *
 * The names are counted under the prefix, not on the whole broker: other test runs of the
 * machine declare and delete their own at the same time.
 */

describe('the broker after a test run', () => {
  it('has no queue, exchange or user of the run left', async () => {
    const under = async (prefix: string) => ({
      queues: (await brokerNames('queues')).filter((name) => name.startsWith(`${prefix}.`)),
      exchanges: (await brokerNames('exchanges')).filter((name) => name.startsWith(`${prefix}.`)),
      users: (await brokerNames('users')).filter((name) => name.startsWith(`${prefix}-`)),
    });

    const stack = await Stack.start('brokercleanup');
    const { prefix } = stack.env;
    const teams = new BrokerTeams(stack.env);
    const broker = await TestBroker.connect();
    let during: Awaited<ReturnType<typeof under>>;
    try {
      const token = await stack.adminToken();
      const organizationId = (await stack.api.get('/api/v1/me', token)).body.organizationId;
      const group = await createGroup(stack.api, token);
      await createTechnician(stack.api, token, group.id);

      // Another team's durable queue, bound to its organization's events.
      const team = await teams.make('cleanup', [organizationId]);
      const connection = await amqp.connect(team.url);
      const channel = await connection.createChannel();
      const inbox = `${prefix}.client.cleanup.inbox`;
      await channel.assertQueue(inbox, { durable: true });
      await channel.bindQueue(inbox, eventsExchangeName(prefix), `${organizationId}.#`);
      await connection.close();

      // A message no service can read ends on a dead-letter queue.
      const commands = commandQueueName(prefix, 'org');
      await broker.publish(commands, Buffer.from('not json'));
      await waitFor(async () => (await broker.messageCount(deadLetterQueueName(commands))) > 0, {
        timeoutMs: 30_000,
        what: 'the unreadable message on the dead-letter queue',
      });

      during = await under(prefix);
      await teams.removeAll();
    } finally {
      await broker.close();
      await stack.stop();
    }

    // What the run had: each service's command queue of each lane and its dead-letter queue,
    // the audit service's queue of events and its dead-letter queue, the team's queue, the two
    // exchanges and the team's user.
    expect(during.queues).toHaveLength(4 * 2 * 2 + 2 + 1);
    expect(during.queues).toContain(`${prefix}.client.cleanup.inbox`);
    expect(during.exchanges.sort()).toEqual([`${prefix}.dead-letter`, `${prefix}.events`]);
    expect(during.users).toEqual([`${prefix}-team-cleanup`]);
    // And nothing of it is left.
    expect(await under(prefix)).toEqual({ queues: [], exchanges: [], users: [] });
  });
});
