import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { AlertsResponse } from './alerts';
import { CompareQueryDto, CompareResponse } from './compare.dto';
import { StatsQueryDto, StatsResponse } from './stats.dto';
import { StatsService } from './stats.service';

@ApiTags('statistics')
@Controller('api')
export class StatsController {
  constructor(private readonly statsService: StatsService) {}

  @Get('stats')
  @ApiOkResponse({ type: StatsResponse, description: 'figures from the newest snapshot, after disclosure control' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field (unknown value, two geography filters, a groupBy not finer than its filter)' })
  @ApiServiceUnavailableResponse({ description: 'UNAVAILABLE with Retry-After: no snapshot computed yet' })
  getStats(@Query() query: StatsQueryDto): Promise<StatsResponse> {
    return this.statsService.getStats(query);
  }

  @Get('stats/alerts')
  @ApiOkResponse({ description: 'the deteriorations of the last complete quarter (log-rank, Benjamini–Hochberg at 5 %), from the newest snapshot' })
  @ApiServiceUnavailableResponse({ description: 'UNAVAILABLE with Retry-After: no snapshot computed yet' })
  alerts(): Promise<AlertsResponse> {
    return this.statsService.alerts();
  }

  @Get('stats/compare')
  @ApiOkResponse({
    type: CompareResponse,
    description: 'two whole periods of one selection, with the log-rank test and the difference of shares when both are published',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field (a period that is not whole, overlapping periods, two geography filters)' })
  @ApiServiceUnavailableResponse({ description: 'UNAVAILABLE with Retry-After: no snapshot computed yet' })
  compare(@Query() query: CompareQueryDto): Promise<CompareResponse> {
    return this.statsService.compare(query);
  }
}
