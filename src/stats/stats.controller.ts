import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
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
}
