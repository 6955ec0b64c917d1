import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NoStore } from '../common/http-hygiene';
import { StatsQueryDto } from '../stats/stats.dto';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { CurrentToken } from '../tokens/authenticated-token';
import { Roles } from '../tokens/roles.decorator';
import { CSV_CONTENT_TYPE } from './csv';
import { CubeCsvQueryDto, StatsCsvQueryDto } from './exports.dto';
import { sendExport } from './export-reply';
import { ExportsService } from './exports.service';
import { PDF_CONTENT_TYPE } from './pdf';
import { XLSX_CONTENT_TYPE } from './xlsx';

@ApiTags('exports')
@Controller('api/exports')
@Roles('union', 'admin')
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field (the /api/stats rules, `dialect`)' })
@ApiServiceUnavailableResponse({ description: 'UNAVAILABLE with Retry-After: no snapshot computed yet' })
export class ExportsController {
  constructor(private readonly exportsService: ExportsService) {}

  @Get('stats.csv')
  @NoStore()
  @ApiProduces(CSV_CONTENT_TYPE)
  @ApiOkResponse({ description: 'UTF-8 with BOM, CRLF: metadata `Clé;Valeur` lines, an empty line, then the table (docs/api.md, "Exports")' })
  async statsCsv(@Query() query: StatsCsvQueryDto, @CurrentToken() token: TokenIdentity, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, await this.exportsService.exportStats('csv', query, token));
  }

  @Get('stats.xlsx')
  @NoStore()
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'sheet "Statistiques" (typed numbers) and sheet "Informations" (query, times, method)' })
  async statsXlsx(@Query() query: StatsQueryDto, @CurrentToken() token: TokenIdentity, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, await this.exportsService.exportStats('xlsx', query, token));
  }

  @Get('stats.json')
  @NoStore()
  @ApiOkResponse({ description: 'the /api/stats answer plus `generatedAt` and `method`' })
  async statsJson(@Query() query: StatsQueryDto, @CurrentToken() token: TokenIdentity, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, await this.exportsService.exportStats('json', query, token));
  }

  @Get('stats.pdf')
  @NoStore()
  @ApiProduces(PDF_CONTENT_TYPE)
  @ApiOkResponse({ description: 'a report: title, period, filters, method, the table, a chart of median delays' })
  async statsPdf(@Query() query: StatsQueryDto, @CurrentToken() token: TokenIdentity, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, await this.exportsService.exportStats('pdf', query, token));
  }

  @Get('cube.csv')
  @NoStore()
  @ApiProduces(CSV_CONTENT_TYPE)
  @ApiOkResponse({ description: 'every non-empty cell of the snapshot as one long table, streamed' })
  async cubeCsv(@Query() query: CubeCsvQueryDto, @CurrentToken() token: TokenIdentity, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, await this.exportsService.exportCube('csv', query.dialect, token));
  }

  @Get('cube.xlsx')
  @NoStore()
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'every non-empty cell of the snapshot on sheet "Cube", streamed; sheet "Informations"' })
  async cubeXlsx(@CurrentToken() token: TokenIdentity, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, await this.exportsService.exportCube('xlsx', undefined, token));
  }
}
