import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({ imports: [StatsModule], controllers: [HealthController], providers: [HealthService], exports: [HealthService] })
export class HealthModule {}
