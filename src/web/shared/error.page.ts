import { html } from '../../presentation/html';
import { layout } from './layout';

const WORDING: Record<number, { title: string; text: string }> = {
  404: { title: 'Page introuvable', text: 'Cette page n’existe pas, ou n’est pas encore disponible.' },
  429: { title: 'Trop de demandes', text: 'Le service a reçu trop de demandes depuis votre connexion. Rien n’a été enregistré : réessayez un peu plus tard.' },
  503: {
    title: 'Service momentanément indisponible',
    text: 'Le service ne peut pas répondre pour l’instant. Rien n’a été enregistré : réessayez dans quelques minutes.',
  },
};
const GENERIC = {
  title: 'Une erreur est survenue',
  text: 'Votre demande n’a pas pu être traitée. Rien n’a été enregistré : revenez à la page précédente et réessayez.',
};

/** What a person sees instead of the API's JSON error when a page request fails. */
export function errorPage(status: number): string {
  const { title, text } = WORDING[status] ?? GENERIC;
  return layout({
    title,
    body: html`<h1>${title}</h1>
<p class="lead">${text}</p>
<ul>
  <li><a href="/">Retour à l’accueil</a></li>
  <li><a href="/signaler">Signaler un délai de paiement</a></li>
  <li><a href="/mon-signalement">Revenir sur mon signalement</a></li>
</ul>`,
  });
}
