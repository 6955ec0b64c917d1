import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { Roles } from '../tokens/roles.decorator';
import { AuditPageResponse } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('admin')
@Controller('api/admin/audit')
export class AuditController {
  constructor(private readonly auditService: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: AuditPageResponse, description: 'newest first' })
  list(@Query() page: PageQueryDto): Promise<AuditPageResponse> {
    return this.auditService.list(page);
  }
}
