import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { ReportResponse } from '../reports/reports.dto';

export const MODERATION_STATES = ['accepted', 'flagged', 'excluded'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export class ModerationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MODERATION_STATES, description: 'only reports in this state' })
  @IsOptional()
  @IsIn(MODERATION_STATES)
  moderation?: ModerationState;
}

export class ExcludeReportDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'duplicate of a report received on paper' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\x00-\x1f\x7f]*$/, { message: 'must be one line without control characters' })
  reason: string;
}

/** A report as an administrator sees it: its fields and its moderation, never a receipt. */
export class ModeratedReportResponse extends ReportResponse {
  @ApiProperty({ enum: MODERATION_STATES }) moderation: ModerationState;
  @ApiProperty({ nullable: true, type: String }) moderationReason: string | null;
}

export class ModeratedReportPageResponse {
  @ApiProperty({ type: [ModeratedReportResponse] }) items: ModeratedReportResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
