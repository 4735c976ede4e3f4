import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { GatewaySettings } from '../services/gateway/src/config/env';
import { IdentitySettings } from '../services/identity/src/config/env';
import { ImportSettings } from '../services/import/src/config/env';
import { OrgSettings } from '../services/org/src/config/env';

// There is no Docker engine here: this reads docker-compose.yml and checks it against the code.
interface ComposeService {
  command?: string[];
  environment?: Record<string, unknown>;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync(path.join(__dirname, '../docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};

function settingsOf(cls: new () => object): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(cls, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
}

const APPS = {
  gateway: GatewaySettings,
  identity: IdentitySettings,
  org: OrgSettings,
  import: ImportSettings,
} as const;

describe('docker-compose.yml', () => {
  it('runs the infrastructure and every service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['gateway', 'identity', 'import', 'org', 'postgres', 'rabbitmq', 'redis'].sort(),
    );
  });

  it.each(Object.entries(APPS))('gives %s every setting it reads', (name, settings) => {
    const environment = Object.keys(compose.services[name].environment ?? {});
    expect(environment.sort()).toEqual(settingsOf(settings).sort());
  });

  it.each(Object.keys(APPS))('starts %s from its own entry point, with a health check', (name) => {
    const service = compose.services[name];
    expect(service.command).toEqual(['node', `dist/services/${name}/src/main.js`]);
    expect(service.healthcheck?.test).toBeDefined();
  });

  it.each(Object.keys(APPS))('starts %s only once its infrastructure is healthy', (name) => {
    const dependsOn = compose.services[name].depends_on ?? {};
    for (const infra of [
      'rabbitmq',
      ...(name === 'gateway' || name === 'import' ? ['redis'] : []),
    ]) {
      expect(dependsOn[infra]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('names every setting of the specification', () => {
    const named = new Set(
      Object.values(compose.services).flatMap((s) => Object.keys(s.environment ?? {})),
    );
    for (const setting of [
      'PORT',
      'RABBITMQ_URL',
      'REDIS_URL',
      'IDENTITY_DATABASE_URL',
      'ORG_DATABASE_URL',
      'IMPORT_DATABASE_URL',
      'QUEUE_PREFIX',
      'JWT_SECRET',
      'BOOTSTRAP_ADMIN_EMAIL',
      'BOOTSTRAP_ADMIN_PASSWORD',
    ]) {
      expect(named).toContain(setting);
    }
  });

  it('runs identity, org and import as several replicas', () => {
    for (const name of ['identity', 'org', 'import']) {
      expect(compose.services[name].deploy?.replicas).toBeGreaterThan(1);
    }
  });

  describe('RabbitMQ users (deploy/rabbitmq/definitions.json)', () => {
    const definitions = JSON.parse(
      readFileSync(path.join(__dirname, '../deploy/rabbitmq/definitions.json'), 'utf8'),
    ) as {
      users: { name: string; password_hash: string }[];
      permissions: { user: string; configure: string; write: string; read: string }[];
    };
    const urlOf = (name: string) =>
      new URL(String(compose.services[name].environment?.RABBITMQ_URL));

    it.each(Object.keys(APPS))('connects %s as its own user, one of the internal users', (name) => {
      const url = urlOf(name);
      expect(url.username).toBe(`rac-${name}`);
      expect(definitions.users.map((u) => u.name)).toContain(url.username);
      const internal = String(compose.services[name].environment?.INTERNAL_BROKER_USERS).split(',');
      expect(internal.sort()).toEqual(
        Object.keys(APPS)
          .map((app) => `rac-${app}`)
          .sort(),
      );
    });

    it("stores each user's default password as RabbitMQ's salted SHA-256", () => {
      for (const user of definitions.users) {
        const hash = Buffer.from(user.password_hash, 'base64');
        const salt = hash.subarray(0, 4);
        const expected = createHash('sha256')
          .update(Buffer.concat([salt, Buffer.from(`${user.name}-change-me`)]))
          .digest();
        expect(hash.subarray(4).equals(expected)).toBe(true);
      }
      // ... the very one each service's URL falls back to.
      for (const name of Object.keys(APPS)) {
        expect(String(compose.services[name].environment?.RABBITMQ_URL)).toContain(
          `:-rac-${name}-change-me}`,
        );
      }
    });

    it('lets clients publish nowhere but the default exchange and their own queues', () => {
      const client = definitions.permissions.find((p) => p.user === 'rac-client')!;
      expect(new RegExp(client.write).test('rac.events')).toBe(false);
      expect(new RegExp(client.write).test('amq.default')).toBe(true);
      expect(new RegExp(client.read).test('rac.events')).toBe(true);
      const reader = definitions.permissions.find((p) => p.user === 'rac-events-reader')!;
      expect(new RegExp(reader.write).test('amq.default')).toBe(false);
    });
  });
});
