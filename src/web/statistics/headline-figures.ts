import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { StatsService } from '../../stats/stats.service';
import { html, SafeHtml } from '../../presentation/html';
import { days, percent, snapshotTime, wholeNumber } from '../../presentation/french-format';

/**
 * The national headline figures on `/`, from the newest statistics snapshot. Before the first
 * snapshot, or when the national figure is withheld, it says so: never a placeholder figure.
 */
@Injectable()
export class HeadlineFigures {
  constructor(private readonly statsService: StatsService) {}

  async render(): Promise<SafeHtml> {
    let stats;
    try {
      stats = await this.statsService.getStats({ groupBy: 'year' });
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) return noFiguresYet();
      throw error;
    }
    const national = stats.total;
    if (national.suppressed || national.reports === 0) return noFiguresYet();
    return html`<section class="headline" aria-labelledby="chiffres-titre">
<h2 id="chiffres-titre">Les délais déclarés en France</h2>
<dl class="headline-figures">
  <div><dt>Délai médian</dt><dd>${days(national.medianDays)}</dd></div>
  <div><dt>9 personnes sur 10 payées en moins de</dt><dd>${days(national.p90Days)}</dd></div>
  <div><dt>Toujours pas payées après ${stats.thresholdDays} jours</dt><dd>${percent(national.shareOverThreshold)}</dd></div>
</dl>
<p class="note">Délais déclarés par les assurés entre le début de l’arrêt et le premier versement, ${wholeNumber(national.reports)} signalements, chiffres du ${snapshotTime(stats.snapshotAt)}.
<a href="/statistiques">Voir le détail par caisse et par département</a>.</p>
</section>`;
  }
}

function noFiguresYet(): SafeHtml {
  return html`<section class="headline" aria-labelledby="chiffres-titre">
<h2 id="chiffres-titre">Les délais déclarés en France</h2>
<p>Pas encore de chiffres : il faut davantage de signalements avant de pouvoir publier une statistique sans exposer personne.</p>
</section>`;
}
