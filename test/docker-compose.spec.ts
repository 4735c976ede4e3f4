import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
// The operator's scripts, plain CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { usersFromEnvironment } = require('../scripts/rabbitmq-definitions.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { definitionsOf } = require('../scripts/broker/permissions.js');
import { AuditServiceSettings } from '../services/audit/src/config/env';
import { GatewaySettings } from '../services/gateway/src/config/env';
import { IdentitySettings } from '../services/identity/src/config/env';
import { ImportSettings } from '../services/import/src/config/env';
import { OrgSettings } from '../services/org/src/config/env';

// There is no Docker engine here: this reads docker-compose.yml and checks it against the code.
interface ComposeService {
  command?: string[];
  ports?: string[];
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
  audit: AuditServiceSettings,
} as const;

describe('docker-compose.yml', () => {
  it('runs the infrastructure and every service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'audit',
        'broker-users',
        'gateway',
        'identity',
        'import',
        'org',
        'postgres',
        'rabbitmq',
        'redis',
      ].sort(),
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

  describe('RabbitMQ users (scripts/rabbitmq-definitions.js, run by broker-users)', () => {
    const raw = readFileSync(path.join(__dirname, '../docker-compose.yml'), 'utf8');
    const urlOf = (name: string) => String(compose.services[name].environment?.RABBITMQ_URL);
    const password = (n: number) => `${'x'.repeat(16)}${n}`;
    const env = {
      RABBITMQ_RAC_GATEWAY_PASSWORD: password(1),
      RABBITMQ_RAC_IDENTITY_PASSWORD: password(2),
      RABBITMQ_RAC_ORG_PASSWORD: password(3),
      RABBITMQ_RAC_IMPORT_PASSWORD: password(4),
      RABBITMQ_RAC_AUDIT_PASSWORD: password(5),
    };

    it.each(Object.keys(APPS))('connects %s as its own user, one of the internal users', (name) => {
      expect(urlOf(name)).toMatch(new RegExp(`^amqp://rac-${name}:\\$\\{`));
      const internal = String(compose.services[name].environment?.INTERNAL_BROKER_USERS).split(',');
      expect(internal.sort()).toEqual(
        Object.keys(APPS)
          .map((app) => `rac-${app}`)
          .sort(),
      );
    });

    it('has no default password: compose refuses to start without each one', () => {
      expect(raw).not.toMatch(/change-me/);
      for (const name of Object.keys(APPS)) {
        const variable = `RABBITMQ_RAC_${name.toUpperCase()}_PASSWORD`;
        expect(urlOf(name)).toContain(`\${${variable}:?`);
        expect(compose.services['broker-users'].environment?.[variable]).toMatch(/^\$\{\w+:\?/);
      }
      expect(usersFromEnvironment({}).problems).toHaveLength(5);
      expect(usersFromEnvironment({ ...env, RABBITMQ_RAC_ORG_PASSWORD: 'short' }).problems).toEqual(
        ['RABBITMQ_RAC_ORG_PASSWORD must be at least 16 characters'],
      );
    });

    it('keeps only salted hashes, and makes no administrator unless asked', () => {
      const { users, problems } = usersFromEnvironment(env);
      expect(problems).toEqual([]);
      const definitions = definitionsOf(users);
      expect(definitions.users.map((u: { name: string }) => u.name).sort()).toEqual(
        ['rac-audit', 'rac-gateway', 'rac-identity', 'rac-import', 'rac-org'].sort(),
      );
      for (const user of definitions.users as {
        name: string;
        password_hash: string;
        tags: string[];
      }[]) {
        expect(user.tags).toEqual([]);
        const hash = Buffer.from(user.password_hash, 'base64');
        const own =
          env[
            `RABBITMQ_${user.name.toUpperCase().replace(/-/g, '_')}_PASSWORD` as keyof typeof env
          ];
        const expected = createHash('sha256')
          .update(Buffer.concat([hash.subarray(0, 4), Buffer.from(own)]))
          .digest();
        expect(hash.subarray(4).equals(expected)).toBe(true);
      }
      const withOperator = usersFromEnvironment({
        ...env,
        RABBITMQ_RAC_OPERATOR_PASSWORD: password(5),
      });
      expect(
        withOperator.users.find((u: { name: string }) => u.name === 'rac-operator')?.tags,
      ).toEqual(['administrator']);
    });

    it('publishes the management port on this machine only', () => {
      expect(compose.services.rabbitmq.ports).toEqual(['127.0.0.1:15672:15672']);
      expect(compose.services.rabbitmq.depends_on?.['broker-users']).toEqual({
        condition: 'service_completed_successfully',
      });
    });
  });
});
