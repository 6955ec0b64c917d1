import { Module } from '@nestjs/common';
import { ProofOfWorkController } from './proof-of-work.controller';
import { ProofOfWorkService } from './proof-of-work.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitService } from './rate-limit.service';
import { ReportScreeningService } from './report-screening.service';
import { ServerSecretsService } from './server-secrets.service';

/** Abuse protection without tracking: proof of work, rate limits, moderation signals. */
@Module({
  controllers: [ProofOfWorkController],
  providers: [ServerSecretsService, ProofOfWorkService, RateLimitService, RateLimitGuard, ReportScreeningService],
  exports: [ServerSecretsService, ProofOfWorkService, RateLimitService, RateLimitGuard, ReportScreeningService],
})
export class AbuseModule {}
