import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { CurrentToken } from '../tokens/authenticated-token';
import { Roles } from '../tokens/roles.decorator';
import { CreateEventDto, EventListQueryDto, EventPageResponse, EventResponse, UpdateEventDto } from './events.dto';
import { EventsService } from './events.service';

const NOT_FOUND = { description: 'unknown or malformed id' };

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(private readonly eventsService: EventsService) {}

  @Get()
  @ApiOkResponse({ type: EventPageResponse, description: 'public; newest first' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field (unknown scope, bad paging)' })
  list(@Query() query: EventListQueryDto): Promise<EventPageResponse> {
    return this.eventsService.list(query);
  }

  @Post()
  @Roles('union', 'admin')
  @ApiCreatedResponse({ type: EventResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field' })
  create(@Body() dto: CreateEventDto, @CurrentToken() token: TokenIdentity): Promise<EventResponse> {
    return this.eventsService.create(dto, token);
  }

  @Patch(':id')
  @Roles('union', 'admin')
  @ApiOkResponse({ type: EventResponse, description: 'a union changes its organisation’s events, an admin any (403 otherwise)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field' })
  @ApiNotFoundResponse(NOT_FOUND)
  update(@Param('id') id: string, @Body() dto: UpdateEventDto, @CurrentToken() token: TokenIdentity): Promise<EventResponse> {
    return this.eventsService.update(id, dto, token);
  }

  @Delete(':id')
  @Roles('union', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'a union deletes its organisation’s events, an admin any (403 otherwise)' })
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@Param('id') id: string, @CurrentToken() token: TokenIdentity): Promise<void> {
    return this.eventsService.remove(id, token);
  }
}
