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
});
