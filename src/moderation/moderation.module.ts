import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Report } from '../reports/report.entity';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

@Module({
  imports: [TypeOrmModule.forFeature([Report]), AuditModule],
  controllers: [ModerationController],
  providers: [ModerationService],
})
export class ModerationModule {}
