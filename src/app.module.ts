import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BackupModule } from './backup/backup.module';
import { CaissesModule } from './caisses/caisses.module';
import { EnvironmentVariables, validateEnvironment } from './config/env';
import { buildDataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { ReportsModule } from './reports/reports.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class AppModule {
  /** The database URL is resolved before Nest starts (it may be an embedded server we launched). */
  static forDatabase(databaseUrl: string, env: EnvironmentVariables = validateEnvironment(process.env)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => env }),
        TypeOrmModule.forRoot(buildDataSourceOptions(databaseUrl, env)),
        CaissesModule,
        ReportsModule,
        HealthModule,
        RetentionModule,
        BackupModule,
      ],
    };
  }
}
