import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbuseModule } from './abuse/abuse.module';
import { AuditModule } from './audit/audit.module';
import { BackupModule } from './backup/backup.module';
import { CaissesModule } from './caisses/caisses.module';
import { EnvironmentVariables, validateEnvironment } from './config/env';
import { EventsModule } from './events/events.module';
import { ExportsModule } from './exports/exports.module';
import { buildDataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { ModerationModule } from './moderation/moderation.module';
import { OrganisationModule } from './organisation/organisation.module';
import { ReportsModule } from './reports/reports.module';
import { TokensModule } from './tokens/tokens.module';
import { WebModule } from './web/web.module';
import { RetentionModule } from './retention/retention.module';
import { StatsModule } from './stats/stats.module';

@Module({})
export class AppModule {
  /** The database URL is resolved before Nest starts (it may be an embedded server we launched). */
  static forDatabase(databaseUrl: string, env: EnvironmentVariables = validateEnvironment(process.env)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => env }),
        TypeOrmModule.forRoot(buildDataSourceOptions(databaseUrl, env)),
        OrganisationModule,
        CaissesModule,
        ReportsModule,
        HealthModule,
        TokensModule,
        AuditModule,
        ModerationModule,
        WebModule,
        RetentionModule,
        BackupModule,
        StatsModule,
        AbuseModule,
        ExportsModule,
        EventsModule,
      ],
    };
  }
}
