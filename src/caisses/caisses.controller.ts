import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaisseResponse, toCaisseResponse } from './caisses.dto';
import { CaissesService } from './caisses.service';

@ApiTags('reference data')
@Controller('api/caisses')
export class CaissesController {
  constructor(private readonly caissesService: CaissesService) {}

  @Get()
  @ApiOkResponse({ type: [CaisseResponse], description: 'Every fund, sorted by code' })
  findAll(): CaisseResponse[] {
    return this.caissesService.findAll().map(toCaisseResponse);
  }
}
