import { randomUUID } from 'node:crypto';
import {
  CreateAdministratorCommand,
  CreateOrganizationCommand,
  CreateTechnicianCommand,
} from '@app/contracts';
import { requestFingerprint } from '@app/platform';
import {
  administratorCreateMeaning,
  legacyFingerprintOf,
  organizationCreateMeaning,
  technicianCreateMeaning,
} from './command-meaning';

const actor = {
  accountId: randomUUID(),
  organizationId: randomUUID(),
  role: 'master_admin' as const,
};

function technician(fields: Partial<CreateTechnicianCommand> = {}): CreateTechnicianCommand {
  return Object.assign(new CreateTechnicianCommand(), {
    actor,
    groupId: '3f0e9a52-4a43-4c43-9a57-5d0f1a1b2c3d',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    sealedPassword: 'hpke.0000000000000000.a.b',
    idempotencyKey: 'client:one',
    ...fields,
  });
}

const fingerprint = (command: CreateTechnicianCommand) =>
  requestFingerprint(technicianCreateMeaning(command));

describe('What a create means under its idempotency key', () => {
  it('takes every default sent explicitly for the same request as the field left out', () => {
    const absent = fingerprint(technician());
    expect(
      fingerprint(
        technician({
          nickname: '',
          ssoId: '',
          description: '',
          enabled: true,
          standardLicense: true,
          mobileLicense: false,
          dryRun: false,
        }),
      ),
    ).toBe(absent);
    // The nickname shown when none is given is the name.
    expect(fingerprint(technician({ nickname: 'Ada Lovelace' }))).toBe(absent);
  });

  it.each([
    ['enabled', { enabled: false }],
    ['standardLicense', { standardLicense: false }],
    ['mobileLicense', { mobileLicense: true }],
    ['dryRun', { dryRun: true }],
    ['nickname', { nickname: 'Ada' }],
    ['ssoId', { ssoId: 'ada' }],
    ['description', { description: 'Analyst' }],
    ['name', { name: 'Ada King' }],
    ['email', { email: 'ADA@example.com' }],
    ['groupId', { groupId: randomUUID() }],
  ])('takes another %s for another request', (_, fields) => {
    expect(fingerprint(technician(fields))).not.toBe(fingerprint(technician()));
  });

  it('is the same for the same account whatever its token says, and another for another actor', () => {
    const base = fingerprint(technician());
    expect(fingerprint(technician({ actor: { ...actor, issuedAt: 1_800_000_000.5 } }))).toBe(base);
    expect(fingerprint(technician({ actor: { ...actor, role: 'admin' } }))).toBe(base);
    expect(fingerprint(technician({ actor: { ...actor, accountId: randomUUID() } }))).not.toBe(
      base,
    );
    expect(
      fingerprint(technician({ actor: { ...actor, servicePrincipalId: actor.accountId } })),
    ).not.toBe(base);
  });

  it('leaves the password, the key and how it was sealed out', () => {
    expect(
      fingerprint(
        technician({ sealedPassword: 'hpke.1111111111111111.c.d', idempotencyKey: 'client:two' }),
      ),
    ).toBe(fingerprint(technician()));
  });

  it('never equals a legacy fingerprint, which still matches the command as it came', () => {
    const command = technician({ enabled: true });
    expect(legacyFingerprintOf(command)).not.toBe(fingerprint(command));
    expect(legacyFingerprintOf(technician({ enabled: true }))).toBe(legacyFingerprintOf(command));
    expect(legacyFingerprintOf(technician())).not.toBe(legacyFingerprintOf(command));
  });

  it("takes an administrator's group ids as a set, ignored for a Master Administrator", () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const admin = (fields: Partial<CreateAdministratorCommand>) =>
      requestFingerprint(
        administratorCreateMeaning(
          Object.assign(new CreateAdministratorCommand(), {
            actor,
            name: 'Grace',
            email: 'grace@example.com',
            role: 'admin',
            groupIds: [a, b],
            ...fields,
          }),
        ),
      );
    expect(admin({ groupIds: [b, a] })).toBe(admin({}));
    expect(admin({ groupIds: [a] })).not.toBe(admin({}));
    expect(admin({ role: 'master_admin', groupIds: [a] })).toBe(
      admin({ role: 'master_admin', groupIds: [] }),
    );
    // An empty SSO ID is none; another SSO ID is another request.
    expect(admin({ ssoId: '' })).toBe(admin({}));
    expect(admin({ ssoId: 'grace' })).not.toBe(admin({}));
    expect(admin({ ssoId: 'grace' })).not.toBe(admin({ ssoId: 'hopper' }));
  });

  it("takes an organization's default administrator name for the name left out", () => {
    const organization = (fields: Partial<CreateOrganizationCommand>) =>
      requestFingerprint(
        organizationCreateMeaning(
          Object.assign(new CreateOrganizationCommand(), {
            name: 'Acme',
            adminEmail: 'root@acme.example',
            ...fields,
          }),
        ),
      );
    expect(organization({ adminName: 'Master Administrator' })).toBe(organization({}));
    expect(organization({ adminName: 'Root' })).not.toBe(organization({}));
  });
});
