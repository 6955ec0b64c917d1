import { organisationName } from '../../organisation/organisation-identity';
import { OrganisationService } from '../../organisation/organisation.service';
import { Injectable } from '@nestjs/common';
import { noSnapshotYet } from '../../stats/stats.service';
import type { FormBody } from '../shared/form-parser';
import { renderFundCard } from './fund-card';
import { FundPageService } from './fund-page.service';
import { renderFundSheet } from './fund-sheet';
import { selectionQuery } from './selection-filters';
import { SnapshotFileCache } from './snapshot-file-cache';

// 107 funds × a few popular selections; a sheet weighs ~30 KB, a card ~60 KB.
const CACHED_FILES = 400;

/** The fund's PDF sheet and PNG card, rendered once per snapshot and selection (once per set of figures shown). */
@Injectable()
export class FundFilesService {
  private readonly sheets = new SnapshotFileCache(CACHED_FILES);
  private readonly cards = new SnapshotFileCache(CACHED_FILES);

  constructor(
    private readonly fundPageService: FundPageService,
    private readonly organisation: OrganisationService,
  ) {}

  /** 404 for an unknown fund, 400 naming a wrong filter, 503 before the first snapshot. */
  async sheet(code: string, query: FormBody, pageAddress: (path: string) => string): Promise<Buffer> {
    const { fund, filters, data } = await this.fundPageService.strictFigures(code, query);
    if (!data) throw noSnapshotYet();
    const pageUrl = pageAddress(`/statistiques/caisses/${fund.code}${selectionQuery(filters)}`);
    const input = { fund, filters, data, pageUrl, source: organisationName(this.organisation.identity()) };
    return this.sheets.get(input, () => renderFundSheet(input));
  }

  async card(code: string, query: FormBody): Promise<Buffer> {
    const { fund, filters, data } = await this.fundPageService.strictFigures(code, query);
    if (!data) throw noSnapshotYet();
    return this.cards.get({ fund, filters, data }, () => renderFundCard(fund, filters, data));
  }
}
