import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { CaissesService } from '../../caisses/caisses.service';
import { EXPORT_ROLES, ExportFile, ExportsService } from '../../exports/exports.service';
import { StatsQueryDto } from '../../stats/stats.dto';
import { TokensService } from '../../tokens/tokens.service';
import { fundOptions } from '../../presentation/french-labels';
import { FieldErrors, frenchErrorsOf, validateLikeTheApi } from '../shared/form-errors';
import type { FormBody } from '../shared/form-parser';
import type { UnionSpaceChoices } from './union-space.page';
import { DOWNLOAD_FORMATS, DownloadFormat, readUnionSpaceForm, statsQueryOf, UNION_SPACE_MESSAGES, UnionSpaceValues } from './union-space-form';

export type DownloadOutcome = { file: ExportFile } | { status: number; values: UnionSpaceValues; errors: FieldErrors; notice?: string };

const NO_TOKEN = 'Collez le jeton d’accès remis par l’administrateur du serveur.';
const BAD_TOKEN = 'Ce jeton n’est pas valide ou a été révoqué.';
const WRONG_ROLE = 'Ce jeton ne donne pas accès aux téléchargements (il faut un jeton syndical ou administrateur).';
const NOT_READY = 'Les statistiques sont en cours de premier calcul : réessayez dans une minute.';

/** /espace-syndical: the form's token and filters in, an export file (through ExportsService) or French errors out. */
@Injectable()
export class UnionSpaceService {
  constructor(
    private readonly tokensService: TokensService,
    private readonly exportsService: ExportsService,
    private readonly caissesService: CaissesService,
  ) {}

  choices(): UnionSpaceChoices {
    const caisses = this.caissesService.findAll();
    return {
      funds: fundOptions(caisses),
      regions: [...new Set(caisses.map((caisse) => caisse.region))].sort((a, b) => a.localeCompare(b, 'fr')),
      departements: [...new Set(caisses.flatMap((caisse) => caisse.departements))].sort(),
    };
  }

  async download(form: FormBody): Promise<DownloadOutcome> {
    const { token, values } = readUnionSpaceForm(form);
    const refuse = (status: number, errors: FieldErrors, notice?: string): DownloadOutcome => ({ status, values, errors, notice });
    if (token === '') return refuse(401, { token: NO_TOKEN });
    const identity = await this.tokensService.authenticate(token);
    if (!identity) return refuse(401, { token: BAD_TOKEN });
    if (!EXPORT_ROLES.includes(identity.role)) return refuse(403, { token: WRONG_ROLE });
    const format = values.format as DownloadFormat;
    const { dto, errors } = await validateLikeTheApi(StatsQueryDto, statsQueryOf(values), UNION_SPACE_MESSAGES);
    if (!DOWNLOAD_FORMATS.includes(format)) errors.format = UNION_SPACE_MESSAGES.format['*'];
    if (Object.keys(errors).length > 0) return refuse(400, errors);
    try {
      const file =
        format === 'cube-csv' || format === 'cube-xlsx'
          ? await this.exportsService.exportCube(format === 'cube-csv' ? 'csv' : 'xlsx', undefined, identity)
          : await this.exportsService.exportStats(format, dto, identity);
      return { file };
    } catch (error) {
      const serviceErrors = frenchErrorsOf(error, UNION_SPACE_MESSAGES);
      if (serviceErrors) return refuse(400, serviceErrors);
      if (error instanceof ApiError && error.getStatus() === 503) return refuse(503, {}, NOT_READY);
      throw error;
    }
  }
}
