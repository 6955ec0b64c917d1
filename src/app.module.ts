import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaissesModule } from './caisses/caisses.module';
import { validateEnvironment } from './config/env';
import { buildDataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { ReportsModule } from './reports/reports.module';
import { StatsModule } from './stats/stats.module';

@Module({})
export class AppModule {
  /** The database URL is resolved before Nest starts (it may be an embedded server we launched). */
  static forDatabase(databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
        TypeOrmModule.forRoot(buildDataSourceOptions(databaseUrl)),
        CaissesModule,
        ReportsModule,
        HealthModule,
        StatsModule,
      ],
    };
  }
}
