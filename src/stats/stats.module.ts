import { Module } from '@nestjs/common';
import { AbuseModule } from '../abuse/abuse.module';
import { CaissesModule } from '../caisses/caisses.module';
import { StatsController } from './stats.controller';
import { AlertsWebhook } from './alerts-webhook';
import { StatsRefreshScheduler } from './stats-refresh.scheduler';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@Module({
  imports: [CaissesModule, AbuseModule],
  controllers: [StatsController],
  providers: [StatsRepository, StatsService, AlertsWebhook, StatsRefreshScheduler],
  exports: [StatsService, StatsRefreshScheduler],
})
export class StatsModule {}
