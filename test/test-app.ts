import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createHttpApp } from '../src/http-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real application over HTTP, on its own fresh database; `environment` overrides settings. */
export async function startTestApp(environment?: Record<string, string>): Promise<TestApp> {
  const db = await createTestDatabase();
  const app = await createHttpApp(db.url, { logRequests: false, logger: ['error'], environment });
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
