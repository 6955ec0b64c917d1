import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { CurrentToken } from '../tokens/authenticated-token';
import { Roles } from '../tokens/roles.decorator';
import { ExcludeReportDto, ModeratedReportPageResponse, ModeratedReportResponse, ModerationListQueryDto } from './moderation.dto';
import { ModerationService } from './moderation.service';

@ApiTags('admin')
@Controller('api/admin/reports')
@Roles('admin')
export class ModerationController {
  constructor(private readonly moderationService: ModerationService) {}

  @Get()
  @ApiOkResponse({ type: ModeratedReportPageResponse })
  list(@Query() query: ModerationListQueryDto): Promise<ModeratedReportPageResponse> {
    return this.moderationService.list(query);
  }

  @Post(':id/exclude')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ModeratedReportResponse, description: 'the report no longer counts from the next statistics refresh' })
  @ApiNotFoundResponse({ description: 'unknown or malformed id' })
  exclude(@Param('id') id: string, @Body() dto: ExcludeReportDto, @CurrentToken() token: TokenIdentity): Promise<ModeratedReportResponse> {
    return this.moderationService.exclude(id, dto.reason, token);
  }

  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ModeratedReportResponse, description: 'accepted again, reason cleared' })
  @ApiNotFoundResponse({ description: 'unknown or malformed id' })
  restore(@Param('id') id: string, @CurrentToken() token: TokenIdentity): Promise<ModeratedReportResponse> {
    return this.moderationService.restore(id, token);
  }
}
