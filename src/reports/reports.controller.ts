import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RateLimit } from '../abuse/rate-limit.guard';
import { reportSourceOf } from '../abuse/report-screening.service';
import { RouteBody } from '../common/route-body-options';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { CurrentToken } from '../tokens/authenticated-token';
import { Roles } from '../tokens/roles.decorator';
import { BULK_BODY_LIMIT_BYTES, MAX_BULK_REPORTS } from './bulk-reports';
import { parseIdempotencyKey } from './idempotency-key';
import { NoStore } from '../common/http-hygiene';
import { BulkCreatedResponse, CoarsenedReportResponse, CreatedReportResponse, CreateReportDto, ReportResponse, UpdateReportDto } from './reports.dto';
import { ReportsService } from './reports.service';

const RECEIPT_HEADER = { name: 'X-Receipt', required: true, description: 'the receipt given at creation (never in a URL)' };

@ApiTags('reports')
@ApiExtraModels(CoarsenedReportResponse)
@Controller('api')
export class ReportsController {
  constructor(private readonly reportsService: ReportsService) {}

  @Post('reports')
  @HttpCode(HttpStatus.CREATED)
  @NoStore()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-255 visible ASCII characters; replays within 24 h' })
  @ApiCreatedResponse({ type: CreatedReportResponse })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED, one detail per offending field (`altcha`: missing, invalid, expired or already used proof of work)',
  })
  @ApiConflictResponse({ description: 'the same Idempotency-Key is still being processed' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_MISMATCH: the key was used with another body' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' })
  create(@Body() dto: CreateReportDto, @Req() request: FastifyRequest, @Headers('idempotency-key') idempotencyKey?: string): Promise<CreatedReportResponse> {
    return this.reportsService.create(dto, parseIdempotencyKey(idempotencyKey), reportSourceOf(request));
  }

  @Post('reports/bulk')
  @HttpCode(HttpStatus.CREATED)
  @Roles('union', 'admin')
  @RouteBody({ bodyLimit: BULK_BODY_LIMIT_BYTES, acceptsCsv: true, bearerBeforeBody: true })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description: `1 to ${MAX_BULK_REPORTS} reports: a JSON array of POST /api/reports bodies, or text/csv with the same column names (docs/api.md)`,
    schema: { type: 'array', items: { $ref: '#/components/schemas/CreateReportDto' }, maxItems: MAX_BULK_REPORTS },
  })
  @ApiCreatedResponse({ type: BulkCreatedResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: nothing stored; each detail names `[rowIndex].field`' })
  @ApiPayloadTooLargeResponse({ description: 'body over 2 MiB' })
  createMany(@Body() body: unknown, @CurrentToken() token: TokenIdentity): Promise<BulkCreatedResponse> {
    return this.reportsService.createMany(body, token);
  }

  @Get('my-report')
  @RateLimit('receipts')
  @NoStore()
  @ApiHeader(RECEIPT_HEADER)
  @ApiOkResponse({ type: ReportResponse, description: 'a report coarsened after it settled has the CoarsenedReportResponse shape' })
  @ApiNotFoundResponse({ description: 'unknown or malformed receipt' })
  findMine(@Headers('x-receipt') receipt?: string): Promise<ReportResponse | CoarsenedReportResponse> {
    return this.reportsService.findByReceipt(receipt);
  }

  @Patch('my-report')
  @RateLimit('receipts')
  @NoStore()
  @ApiHeader(RECEIPT_HEADER)
  @ApiOkResponse({ type: ReportResponse })
  @ApiNotFoundResponse({ description: 'unknown or malformed receipt' })
  @ApiConflictResponse({ description: 'the report was coarsened after it settled, or stillWaiting on a paid report' })
  updateMine(@Headers('x-receipt') receipt: string | undefined, @Body() dto: UpdateReportDto): Promise<ReportResponse> {
    return this.reportsService.update(receipt, dto);
  }

  @Delete('my-report')
  @RateLimit('receipts')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiHeader(RECEIPT_HEADER)
  @ApiNoContentResponse({ description: 'the report is deleted for real' })
  @ApiNotFoundResponse({ description: 'unknown or malformed receipt' })
  removeMine(@Headers('x-receipt') receipt?: string): Promise<void> {
    return this.reportsService.remove(receipt);
  }
}
