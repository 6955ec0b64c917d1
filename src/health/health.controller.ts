import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';

const PING_TIMEOUT_MS = 1_000;

@ApiTags('operations')
@Controller('api/health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ description: '{ "status": "ok", "database": "up" }' })
  @ApiServiceUnavailableResponse({ description: 'UNAVAILABLE, with Retry-After: the database does not answer' })
  async check(): Promise<{ status: string; database: string }> {
    if (await this.databaseAnswers()) return { status: 'ok', database: 'up' };
    throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'UNAVAILABLE', 'The database is down', undefined, 5);
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
    const ping = this.dataSource.query('SELECT 1').then(() => true, () => false);
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
