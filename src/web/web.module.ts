import { Module } from '@nestjs/common';
import { AbuseModule } from '../abuse/abuse.module';
import { CaissesModule } from '../caisses/caisses.module';
import { ExportsModule } from '../exports/exports.module';
import { ReportsModule } from '../reports/reports.module';
import { StatsModule } from '../stats/stats.module';
import { TokensModule } from '../tokens/tokens.module';
import { AssetsController } from './assets.controller';
import { HeadlineFigures } from './headline-figures';
import { MyReportPagesController } from './my-report-pages.controller';
import { PagesController } from './pages.controller';
import { ReportPagesController } from './report-pages.controller';
import { StatisticsPageService } from './statistics-page.service';
import { StatisticsPagesController } from './statistics-pages.controller';
import { UnionSpaceController } from './union-space.controller';
import { UnionSpaceService } from './union-space.service';
import { WebReportsService } from './web-reports.service';

/** The French pages, rendered on the server (see docs/architecture.md, "Web pages"). */
@Module({
  imports: [ReportsModule, CaissesModule, StatsModule, AbuseModule, ExportsModule, TokensModule],
  controllers: [
    PagesController,
    ReportPagesController,
    MyReportPagesController,
    AssetsController,
    StatisticsPagesController,
    UnionSpaceController,
  ],
  providers: [WebReportsService, HeadlineFigures, StatisticsPageService, UnionSpaceService],
})
export class WebModule {}
