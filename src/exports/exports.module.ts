import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StatsModule } from '../stats/stats.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [StatsModule, AuditModule],
  controllers: [ExportsController],
  providers: [ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
