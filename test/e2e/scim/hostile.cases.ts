import { hostileLabel, hostileStrings } from '../../support/hostile-strings';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/** Hostile input through every SCIM attribute. */
describe('SCIM: hostile input', () => {
  let stack: Stack;
  let scim: ScimClient;
  let user: any;
  /** A User of its own for the directory's attributes, changed one string at a time. */
  let directoryUser: any;

  beforeAll(async () => {
    stack = sharedSession<StackSession>().stack;
    scim = await scimClient(stack.api, sharedSession<StackSession>().token, 'Okta');
    user = await scim.newUser();
    directoryUser = await scim.newUser();
  });

  /** A SCIM answer that is not a server error: a resource, or a SCIM error of 4xx. */
  function expectHandled(response: { status: number; body: any }, label: string) {
    expect({ label, status: response.status < 500 }).toEqual({ label, status: true });
    if (response.status >= 400)
      expect({ label, body: response.body }).toMatchObject({
        label,
        body: { schemas: [SCIM.ERROR], status: String(response.status) },
      });
  }

  const strings = hostileStrings();
  /** A string in a URL: percent-encoded as UTF-8, a lone surrogate as U+FFFD (as a browser sends it). */
  const inUrl = (value: string) =>
    [...Buffer.from(value, 'utf8')]
      .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
      .join('');

  /** Each string through `check`, two at a time (the answers are mostly waited for). */
  async function eachString(check: (value: string, label: string) => Promise<void>) {
    let next = 0;
    const worker = async () => {
      while (next < strings.length) {
        const index = next++;
        await check(strings[index], hostileLabel(strings[index], index));
      }
    };
    await Promise.all([worker(), worker()]);
  }

  let held: Promise<unknown> = Promise.resolve();
  /** Runs `work` after every earlier one has finished. */
  function oneAtATime(work: () => Promise<void>): Promise<void> {
    const run = held.then(work);
    held = run.catch(() => undefined);
    return run;
  }

  it('answers every hostile string as a userName, displayName, nickName, externalId, emails, name or extension value without a server error', async () => {
    await eachString(async (value, label) => {
      expectHandled(
        await scim.call('POST', '/Users', { schemas: [SCIM.USER], userName: value }),
        label,
      );
      expectHandled(
        await scim.call('PUT', `/Users/${user.id}`, {
          schemas: [SCIM.USER],
          userName: user.userName,
          displayName: value,
          nickName: value,
          'urn:rac:params:scim:schemas:extension:technician:2.0:User': { description: value },
        }),
        label,
      );
      // The directory's own attributes are kept as sent, or refused whole. One string at a
      // time: the other worker changes the same User.
      await oneAtATime(async () => {
        const directory = await scim.call('PUT', `/Users/${directoryUser.id}`, {
          schemas: [SCIM.USER],
          userName: directoryUser.userName,
          externalId: value,
          emails: [{ value, type: value }],
          name: { givenName: value },
        });
        expectHandled(directory, label);
        if (directory.status === 200)
          expect({
            label,
            ...(await scim.call('GET', `/Users/${directoryUser.id}`)).body,
          }).toMatchObject({
            label,
            externalId: value,
            emails: [{ value, type: value }],
            name: { givenName: value },
          });
      });
    });
  });

  it('answers every hostile string in a filter, a PATCH path and as an id without a server error', async () => {
    await eachString(async (value, label) => {
      expectHandled(
        await scim.call('GET', `/Users?filter=${inUrl(`userName eq ${JSON.stringify(value)}`)}`),
        label,
      );
      expectHandled(await scim.call('GET', `/Users?filter=${inUrl(value)}`), label);
      expectHandled(
        await scim.call('PATCH', `/Users/${user.id}`, {
          schemas: [SCIM.PATCH],
          Operations: [{ op: 'replace', path: value, value }],
        }),
        label,
      );
      expectHandled(await scim.call('GET', `/Groups/${inUrl(value)}`), label);
    });
  });

  it('refuses huge filters, deep paths and too many operations with a SCIM 400', async () => {
    const deep = `${'('.repeat(40)}userName pr${')'.repeat(40)}`;
    const answers = [
      await scim.call(
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${'a'.repeat(5000)}"`)}`,
      ),
      await scim.call('GET', `/Users?filter=${encodeURIComponent(deep)}`),
      await scim.call('PATCH', `/Users/${user.id}`, {
        schemas: [SCIM.PATCH],
        Operations: [{ op: 'replace', path: `${'a.'.repeat(400)}b`, value: 1 }],
      }),
      await scim.call('PATCH', `/Users/${user.id}`, {
        schemas: [SCIM.PATCH],
        Operations: Array.from({ length: 101 }, () => ({
          op: 'replace',
          path: 'active',
          value: true,
        })),
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ schemas: [SCIM.ERROR], status: '400' });
    }
  });
});
