import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { parseIdempotencyKey } from './idempotency-key';
import { NoStore } from '../common/http-hygiene';
import { CoarsenedReportResponse, CreatedReportResponse, CreateReportDto, ReportResponse, UpdateReportDto } from './reports.dto';
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
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, one detail per offending field' })
  @ApiConflictResponse({ description: 'the same Idempotency-Key is still being processed' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_MISMATCH: the key was used with another body' })
  create(
    @Body() dto: CreateReportDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CreatedReportResponse> {
    return this.reportsService.create(dto, parseIdempotencyKey(idempotencyKey));
  }

  @Get('my-report')
  @NoStore()
  @ApiHeader(RECEIPT_HEADER)
  @ApiOkResponse({ type: ReportResponse, description: 'a report coarsened after it settled has the CoarsenedReportResponse shape' })
  @ApiNotFoundResponse({ description: 'unknown or malformed receipt' })
  findMine(@Headers('x-receipt') receipt?: string): Promise<ReportResponse | CoarsenedReportResponse> {
    return this.reportsService.findByReceipt(receipt);
  }

  @Patch('my-report')
  @NoStore()
  @ApiHeader(RECEIPT_HEADER)
  @ApiOkResponse({ type: ReportResponse })
  @ApiNotFoundResponse({ description: 'unknown or malformed receipt' })
  @ApiConflictResponse({ description: 'the report was coarsened after it settled, or stillWaiting on a paid report' })
  updateMine(@Headers('x-receipt') receipt: string | undefined, @Body() dto: UpdateReportDto): Promise<ReportResponse> {
    return this.reportsService.update(receipt, dto);
  }

  @Delete('my-report')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiHeader(RECEIPT_HEADER)
  @ApiNoContentResponse({ description: 'the report is deleted for real' })
  @ApiNotFoundResponse({ description: 'unknown or malformed receipt' })
  removeMine(@Headers('x-receipt') receipt?: string): Promise<void> {
    return this.reportsService.remove(receipt);
  }
}
