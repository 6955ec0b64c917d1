import { Module } from '@nestjs/common';
import { CaissesModule } from '../caisses/caisses.module';
import { ExportsModule } from '../exports/exports.module';
import { ReportsModule } from '../reports/reports.module';
import { TokensModule } from '../tokens/tokens.module';
import { AssetsController } from './assets.controller';
import { HeadlineFigures } from './headline-figures';
import { MyReportPagesController } from './my-report-pages.controller';
import { PagesController } from './pages.controller';
import { ReportPagesController } from './report-pages.controller';
import { UnionSpaceController } from './union-space.controller';
import { UnionSpaceService } from './union-space.service';
import { WebReportsService } from './web-reports.service';

/** The French pages, rendered on the server (see docs/architecture.md, "Web pages"). */
@Module({
  imports: [ReportsModule, CaissesModule, ExportsModule, TokensModule],
  controllers: [PagesController, ReportPagesController, MyReportPagesController, AssetsController, UnionSpaceController],
  providers: [WebReportsService, HeadlineFigures, UnionSpaceService],
})
export class WebModule {}
