import { expect, test } from '@playwright/test';
import { createAdministrator, createGroup, createTechnician } from '../support/fixtures';
import { SamlTestIdp } from '../support/idp/saml-idp';
import { api, useSession } from './support/app';
import { createSignedInOrganization, type Organization } from './support/organizations';
import { runTestSignIn, setSsoMode, signInAtProvider, startSignIn } from './support/sso';

/**
 * Single Sign-On through a SAML 2.0 identity provider (samlify, test/support/idp): set up from
 * its metadata URL, a Test sign-in in a new window, then required and optional sign-ins of a
 * technician and an administrator.
 */
test.describe.configure({ mode: 'serial' });

let org: Organization;
let idp: SamlTestIdp;
let group: { id: string };

test.beforeAll(async () => {
  org = await createSignedInOrganization('sso-saml');
  idp = await new SamlTestIdp().start();
  // The provider's administrator registers this organization from its SP metadata.
  const settings = (await api().get('/api/v1/settings/sso', org.token)).body;
  const metadata = await fetch(settings.saml.serviceProviderMetadataUrl);
  expect(metadata.status).toBe(200);
  idp.trust(await metadata.text());
  const me = (await api().get('/api/v1/me', org.token)).body;
  const named = await api().request('PATCH', `/api/v1/administrators/${me.id}`, {
    token: org.token,
    body: { ssoId: 'saml-master' },
  });
  expect(named.status).toBe(200);
  group = await createGroup(api(), org.token, { name: 'Signed in through SAML' });
});

test.afterAll(async () => {
  await idp?.stop();
});

test('a Master Administrator sets SAML up from the metadata URL, runs a Test sign-in, then requires it', async ({
  page,
}) => {
  await useSession(page, org.email, org.password);
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Single Sign-On' });
  await section.getByRole('radio', { name: 'Optional' }).check();
  await section.getByRole('radio', { name: 'SAML 2.0' }).check();
  await section.getByRole('radio', { name: 'Read from a URL' }).check();
  await section.getByRole('textbox', { name: 'Metadata URL' }).fill(idp.metadataUrl);
  await section.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The Single Sign-On settings are saved.')).toBeVisible();

  await runTestSignIn(page, section, idp.baseUrl, 'saml-master');
  await section.getByRole('radio', { name: 'Required' }).check();
  await section.getByRole('button', { name: 'Save changes' }).click();
  await expect
    .poll(async () => (await api().get('/api/v1/settings/sso', org.token)).body.mode)
    .toBe('required');
});

test('required: a technician goes straight to the provider and lands where technicians land', async ({
  page,
}) => {
  const technician = await createTechnician(api(), org.token, group.id, { ssoId: 'saml-tech' });
  await startSignIn(page, technician.email, 'required');
  await signInAtProvider(page, idp.baseUrl, 'saml-tech');
  await expect(
    page.getByRole('heading', { name: 'This center is for administrators' }),
  ).toBeVisible();
});

test('optional: an administrator chooses the provider beside the password and lands in the center', async ({
  page,
}) => {
  await setSsoMode(org.token, 'optional');
  const admin = await createAdministrator(api(), org.token, {
    groupIds: [group.id],
    ssoId: 'saml-admin',
  });
  await startSignIn(page, admin.email, 'optional');
  await signInAtProvider(page, idp.baseUrl, 'saml-admin');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
