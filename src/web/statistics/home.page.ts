import { html, SafeHtml } from '../../presentation/html';
import { layout } from '../shared/layout';

/** `/`: what the service is, then the national headline figures (inserted by the statistics feature). */
export function homePage(headlineFigures: SafeHtml): string {
  return layout({
    title: 'Accueil',
    current: '/',
    body: html`<h1>Combien de temps pour toucher ses premières indemnités journalières ?</h1>
<p class="lead">Délais IJ recueille, de façon anonyme, le temps que les caisses d’assurance maladie mettent à verser les premières indemnités journalières d’un arrêt de travail.
Chacun peut signaler son attente en quelques minutes, qu’il ait déjà été payé ou non.
Les syndicats publient à partir de ces signalements des statistiques par caisse, sans jamais montrer un cas individuel.</p>
${headlineFigures}
<ul class="actions">
  <li><a class="button" href="/signaler">Signaler un délai de paiement</a></li>
  <li><a class="button secondary" href="/mon-signalement">Revenir sur mon signalement</a></li>
</ul>
<h2>Aller plus loin</h2>
<ul>
  <li><a href="/statistiques">Les statistiques par caisse et par département</a></li>
  <li><a href="/confidentialite">Ce qui est conservé, combien de temps, et comment l’effacer</a></li>
</ul>`,
  });
}
