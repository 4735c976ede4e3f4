import type { GetMessage } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { EventPatterns } from '@app/contracts';
import { TestBroker } from '../support/broker';
import { createGroup, createTechnician } from '../support/fixtures';
import { oidcSsoSession, ssoSignIn, useOidcProvider } from '../support/sso-oidc';
import { waitFor } from '../support/wait-for';

/**
 * The audit events of a sign-in through the organization's identity provider (a real OpenID
 * Provider): channel `sso` with the browser's address, method `sso`, the account as principal
 * and target; a disabled account's refusal as a failed sign-in. Never the client secret.
 */
describe('Audit events of a sign-in through the identity provider', () => {
  const session = oidcSsoSession('auditidimpsso');
  let broker: TestBroker;
  let spy: string;
  let groupId: string;
  const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    broker = await TestBroker.connect();
    spy = await broker.spyOnEvents(session.stack.env.prefix, '', {
      bindingKey: `${session.master.organizationId}.identity.sign-in.#`,
    });
    await useOidcProvider(session, session.op.issuer);
    groupId = (await createGroup(session.stack.api, session.token)).id;
  });
  afterAll(() => broker?.close());

  /** The sign-in event of `type` about the account `accountId`, and its raw bytes. */
  const eventOf = (type: string, accountId: string) =>
    waitFor(
      async () => {
        let message: GetMessage | false;
        while ((message = await broker.channel.get(spy, { noAck: true }))) {
          const data = JSON.parse(message.content.toString());
          if (
            message.properties.headers?.['cloudEvents:type'] === type &&
            data.accountId === accountId
          ) {
            return {
              headers: message.properties.headers,
              data,
              raw: message.content.toString() + JSON.stringify(message.properties),
            };
          }
        }
        return undefined;
      },
      { timeoutMs: 20_000, what: `${type} of ${accountId}` },
    );

  it('records a sign-in through the provider as identity.sign-in.succeeded.v1, channel sso', async () => {
    const ssoId = unique('tech');
    const technician = await createTechnician(session.stack.api, session.token, groupId, { ssoId });

    expect((await ssoSignIn(session, technician.email, ssoId)).status).toBe(200);

    const e = await eventOf(EventPatterns.signInSucceeded, technician.id);
    expect(e.headers).toMatchObject({
      'cloudEvents:principal': `accounts/${technician.id}`,
      'cloudEvents:channel': 'sso',
      'cloudEvents:origin': expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
      'cloudEvents:subject': `accounts/${technician.id}`,
      'cloudEvents:organizationid': session.master.organizationId,
    });
    expect(e.data).toEqual({
      target: { type: 'account', id: technician.id, name: technician.email },
      groupPaths: [],
      accountId: technician.id,
      method: 'sso',
    });
    expect(e.raw).not.toContain(session.client.clientSecret);
  });

  it("records a disabled account's refusal as identity.sign-in.failed.v1, method sso", async () => {
    const ssoId = unique('off');
    const technician = await createTechnician(session.stack.api, session.token, groupId, {
      ssoId,
      enabled: false,
    });

    expect((await ssoSignIn(session, technician.email, ssoId)).status).toBe(403);

    const e = await eventOf(EventPatterns.signInFailed, technician.id);
    expect(e.headers).toMatchObject({
      'cloudEvents:principal': `accounts/${technician.id}`,
      'cloudEvents:channel': 'sso',
    });
    expect(e.data).toEqual({
      target: { type: 'account', id: technician.id, name: ssoId },
      groupPaths: [],
      accountId: technician.id,
      method: 'sso',
      reason: 'ACCOUNT_DISABLED',
    });
  });
});
