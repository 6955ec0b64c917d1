import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EnvironmentVariables } from '../src/config/env';

// No Docker engine runs on the development machines: the deployment files are checked by reading them.
const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}

describe('deployment files', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
  const readme = read('README.md');
  const documentedVariables = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);

  it('README opens with exactly the two commands: start and test', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
    expect(firstBlock.trim().split('\n').map((line) => line.split('#')[0].trim())).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('docker-compose runs the app built from the Dockerfile beside PostgreSQL with a named volume', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres']);
    const { app, postgres } = compose.services;
    expect(app.build).toBe('.');
    expect(postgres.image).toMatch(/^postgres:\d+/);
    const [volumeName] = (postgres.volumes ?? [])[0].split(':');
    expect(Object.keys(compose.volumes)).toContain(volumeName);
    expect(postgres.healthcheck?.test.toString()).toContain('pg_isready');
    expect(app.healthcheck?.test.toString()).toContain('/api/health');
    expect(app.depends_on?.postgres.condition).toBe('service_healthy');
    expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
  });

  it('migrates as an owner role and runs the service as a role of its own, both created on a new volume', () => {
    const { app, postgres } = compose.services;
    const script = read('deploy/postgres/create-roles.sh');
    const [source] = (postgres.volumes ?? []).find((volume) => volume.includes(':/docker-entrypoint-initdb.d/'))?.split(':') ?? [];
    expect(source).toBe('./deploy/postgres/create-roles.sh');
    const roleOf = (url: string | undefined) => /^postgres:\/\/([^:]+):/.exec(url ?? '')?.[1];
    const [owner, service] = [roleOf(app.environment?.DATABASE_URL), roleOf(app.environment?.DATABASE_SERVICE_URL)];
    expect(owner).not.toBe(service);
    for (const role of [owner, service]) expect(script).toMatch(new RegExp(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`));
    expect(script).toContain(`CREATE DATABASE delais_ij OWNER ${owner}`);
    expect(postgres.environment?.POSTGRES_USER).not.toBe(owner);
  });

  it('uses the same variables as README, and README documents every setting the service reads', () => {
    const settings = Object.keys(new EnvironmentVariables()).concat('DATABASE_URL');
    expect([...new Set(documentedVariables)].sort()).toEqual([...new Set(settings)].sort());
    for (const name of Object.keys(compose.services.app.environment ?? {})) expect(documentedVariables).toContain(name);
  });

  it('builds an image that runs the compiled service as an unprivileged user with a health check', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:\d+/m);
    expect(dockerfile).toContain('RUN npm ci');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/api\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(read('.dockerignore')).toMatch(/^node_modules$/m);
  });
});
