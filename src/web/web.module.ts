import { Module } from '@nestjs/common';
import { AbuseModule } from '../abuse/abuse.module';
import { CaissesModule } from '../caisses/caisses.module';
import { EventsModule } from '../events/events.module';
import { ExportsModule } from '../exports/exports.module';
import { ReportsModule } from '../reports/reports.module';
import { StatsModule } from '../stats/stats.module';
import { TokensModule } from '../tokens/tokens.module';
import { AlertsPagesController } from './alerts/alerts-pages.controller';
import { FundFiguresService } from './help/fund-figures.service';
import { HelpService } from './help/help.service';
import { LetterController } from './help/letter.controller';
import { CampaignController } from './campaign/campaign.controller';
import { CampaignService } from './campaign/campaign.service';
import { LegalNoticeController } from './legal/legal-notice.controller';
import { CalendarReminderController } from './my-report/calendar-reminder.controller';
import { MyReportPagesController } from './my-report/my-report-pages.controller';
import { MyReportService } from './my-report/my-report.service';
import { ReportFormService } from './report/report-form.service';
import { ReportPagesController } from './report/report-pages.controller';
import { AssetsController } from './shared/assets.controller';
import { PrivacyPageController } from './shared/privacy-page.controller';
import { FinishedPages } from './shared/finished-pages';
import { DepartementPageService } from './departement/departement-page.service';
import { DepartementPagesController } from './departement/departement-pages.controller';
import { FundFilesService } from './fund/fund-files.service';
import { FundPageService } from './fund/fund-page.service';
import { FundPagesController } from './fund/fund-pages.controller';
import { HeadlineFigures } from './statistics/headline-figures';
import { HomePageController } from './statistics/home-page.controller';
import { StatisticsPageService } from './statistics/statistics-page.service';
import { StatisticsPagesController } from './statistics/statistics-pages.controller';
import { UnionSpaceController } from './union-space/union-space.controller';
import { UnionSpaceService } from './union-space/union-space.service';

/**
 * The French pages, rendered on the server (see docs/architecture.md, "Web pages"): one folder per
 * page (report, my-report, help, statistics, fund, departement, alerts, union-space, legal, campaign) and what they share (layout, forms, assets).
 */
@Module({
  imports: [ReportsModule, CaissesModule, StatsModule, EventsModule, AbuseModule, ExportsModule, TokensModule],
  controllers: [
    HomePageController,
    ReportPagesController,
    MyReportPagesController,
    CalendarReminderController,
    LetterController,
    StatisticsPagesController,
    AlertsPagesController,
    FundPagesController,
    DepartementPagesController,
    UnionSpaceController,
    PrivacyPageController,
    LegalNoticeController,
    CampaignController,
    AssetsController,
  ],
  providers: [
    CampaignService,
    ReportFormService,
    MyReportService,
    FundFiguresService,
    HelpService,
    HeadlineFigures,
    StatisticsPageService,
    FinishedPages,
    FundPageService,
    FundFilesService,
    DepartementPageService,
    UnionSpaceService,
  ],
})
export class WebModule {}
