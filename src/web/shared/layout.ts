import { organisationName } from '../../organisation/organisation-identity';
import { html, SafeHtml } from '../../presentation/html';
import { pageOrganisation } from './page-organisation';

/** The site navigation, in order. A new page adds its entry here. */
export const NAVIGATION = [
  { href: '/', label: 'Accueil' },
  { href: '/signaler', label: 'Signaler un délai' },
  { href: '/mon-signalement', label: 'Mon signalement' },
  { href: '/statistiques', label: 'Statistiques' },
  { href: '/confidentialite', label: 'Confidentialité' },
] as const;

export interface PageOptions {
  /** The page's own title; the tab shows "title – Délais IJ". */
  title: string;
  /** The navigation entry to mark as the current page. */
  current?: string;
  body: SafeHtml;
  /** Extra <head> markup, e.g. a page's og: and twitter: tags for a shared link's preview. */
  head?: SafeHtml;
}

export const SERVICE_NAME = 'Délais IJ';

/** Until the union has filled in its identity, every page says so (docs/operations.md, launch checklist). */
const UNCONFIGURED_BANNER = html`<p class="unconfigured-banner">Instance non configurée : le syndicat qui héberge ce service n’a pas encore indiqué son identité.</p>`;

/** The shared page: skip link, header with the service and the union's names and navigation, main, footer. */
export function layout({ title, current, body, head }: PageOptions): string {
  const { identity, configured } = pageOrganisation();
  const name = organisationName(identity);
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${SERVICE_NAME}</title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">${head}
<script src="/assets/site.js" defer></script>
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
  ${configured ? '' : UNCONFIGURED_BANNER}
  <p class="site-name"><a href="/">${SERVICE_NAME}</a> <span>les délais de paiement des indemnités journalières</span>${identity.name === undefined ? '' : html` <span class="site-organisation">proposé par ${identity.name}</span>`}</p>
  <nav aria-label="Navigation principale">
    <ul>
      ${NAVIGATION.map((link) => html`<li><a href="${link.href}"${link.href === current ? html` aria-current="page"` : ''}>${link.label}</a></li>`)}
    </ul>
  </nav>
</header>
<main id="contenu" tabindex="-1">
${body}
</main>
<footer class="site-footer">
  <p>Service proposé par ${name}, sur un serveur qu’il choisit. Aucune publicité, aucun traceur.</p>
  <p><a href="/confidentialite">Confidentialité et effacement</a> · <a href="/mentions-legales">Mentions légales</a> · <a href="/espace-syndical">Espace syndical</a></p>
</footer>
</body>
</html>
`.value;
}
