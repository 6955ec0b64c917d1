import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsNotBefore, IsNotInFuture } from '../common/date-validators';
import { PageQueryDto } from '../common/page-query.dto';
import { formatScope, SCOPE_LEVELS } from './event-scope';
import type { ScopeFund, ScopeLevel } from './event-scope';
import { HasCharacterCount, IsPlainTextLine } from './plain-text.validator';
import type { TimelineEvent } from './timeline-event.entity';

export const MAX_TITLE_CHARACTERS = 120;
export const MAX_SOURCE_LENGTH = 500;
export const MAX_SCOPE_LENGTH = 60;
// Older dates are typing mistakes (0226 for 2026): the statistics start in 2015.
const FIRST_ACCEPTED_DATE = '2000-01-01';
const SCOPE_DESCRIPTION =
  '`national`, a region name, a département code or a fund code from GET /api/caisses; the DOM codes 971-976 name the fund, `departement:974` the département';
// https only (no credentials in it): it is shown as a link on public pages.
const HTTPS_URL = { protocols: ['https'], require_protocol: true, require_valid_protocol: true, require_tld: true, disallow_auth: true };
const HTTPS_MESSAGE = { message: 'must be an https:// address' };

export class CreateEventDto {
  @ApiProperty({ example: '751', maxLength: MAX_SCOPE_LENGTH, description: SCOPE_DESCRIPTION })
  @IsString()
  @MaxLength(MAX_SCOPE_LENGTH)
  scope: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'the day of the event, not after today (Paris)' })
  @IsCalendarDate()
  @IsNotInFuture()
  @IsNotBefore({ date: FIRST_ACCEPTED_DATE })
  date: string;

  @ApiProperty({ example: 'Réorganisation du service des indemnités journalières', maxLength: MAX_TITLE_CHARACTERS, description: 'plain text, one line' })
  @IsString()
  @HasCharacterCount(1, MAX_TITLE_CHARACTERS)
  @IsPlainTextLine()
  title: string;

  @ApiPropertyOptional({ example: 'https://www.example.org/communique', nullable: true, maxLength: MAX_SOURCE_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SOURCE_LENGTH)
  @IsUrl(HTTPS_URL, HTTPS_MESSAGE)
  source?: string | null;
}

/** Any of the fields; `source: null` removes the link. */
export class UpdateEventDto {
  @ApiPropertyOptional({ example: '75', maxLength: MAX_SCOPE_LENGTH, description: SCOPE_DESCRIPTION })
  @ValidateIf((_object, value) => value !== undefined)
  @IsString()
  @MaxLength(MAX_SCOPE_LENGTH)
  scope?: string;

  @ApiPropertyOptional({ format: 'date' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsCalendarDate()
  @IsNotInFuture()
  @IsNotBefore({ date: FIRST_ACCEPTED_DATE })
  date?: string;

  @ApiPropertyOptional({ maxLength: MAX_TITLE_CHARACTERS })
  @ValidateIf((_object, value) => value !== undefined)
  @IsString()
  @HasCharacterCount(1, MAX_TITLE_CHARACTERS)
  @IsPlainTextLine()
  title?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: MAX_SOURCE_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SOURCE_LENGTH)
  @IsUrl(HTTPS_URL, HTTPS_MESSAGE)
  source?: string | null;
}

export class EventListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '751', description: `only the events of this scope (same forms as on creation)` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SCOPE_LENGTH)
  scope?: string;
}

export class EventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '751', description: 'as accepted on creation: resolves back to the same scope' }) scope: string;
  @ApiProperty({ enum: SCOPE_LEVELS }) scopeLevel: ScopeLevel;
  @ApiProperty({ nullable: true, type: String, example: '751', description: 'null for national; the region name, département code or fund code' }) scopeCode:
    string | null;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ example: 'UD FO 75', description: 'the organisation that recorded it' }) organisation: string;
}

export class EventPageResponse {
  @ApiProperty({ type: [EventResponse] }) items: EventResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export function toEventResponse(event: TimelineEvent, funds: readonly ScopeFund[]): EventResponse {
  return {
    id: event.id,
    scope: formatScope({ level: event.scopeLevel, code: event.scopeCode }, funds),
    scopeLevel: event.scopeLevel,
    scopeCode: event.scopeCode,
    date: event.date,
    title: event.title,
    source: event.source,
    organisation: event.organisation,
  };
}
