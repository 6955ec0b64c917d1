import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { HealthService } from './health.service';

// Readiness is polled every few seconds: a short Retry-After.
const RETRY_AFTER_SECONDS = 5;

@ApiTags('operations')
@Controller('api/health')
export class HealthController {
  constructor(private readonly healthService: HealthService) {}

  @Get()
  @ApiOkResponse({ description: '{ "status": "ok", "database": "up" }' })
  @ApiServiceUnavailableResponse({ description: 'UNAVAILABLE, with Retry-After: the database does not answer' })
  async check(): Promise<{ status: string; database: string }> {
    if (await this.healthService.databaseAnswers()) return { status: 'ok', database: 'up' };
    throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'UNAVAILABLE', 'The database is down', undefined, RETRY_AFTER_SECONDS);
  }

  /** Liveness: the process answers; never touches the database, so a database outage restarts nothing. */
  @Get('live')
  @ApiOkResponse({ description: '{ "status": "ok" }' })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: '{ "status": "ready", "database": "up", "snapshotAgeSeconds": 120 }' })
  @ApiServiceUnavailableResponse({ description: 'UNAVAILABLE, with Retry-After and one detail per failed check (draining, database, snapshot)' })
  async ready(): Promise<{ status: string; database: string; snapshotAgeSeconds: number | null }> {
    const readiness = await this.healthService.readiness();
    if (readiness.ready) return { status: 'ready', database: 'up', snapshotAgeSeconds: readiness.snapshotAgeSeconds };
    throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'UNAVAILABLE', 'Not ready to take traffic', readiness.problems, RETRY_AFTER_SECONDS);
  }
}
