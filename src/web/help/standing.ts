import { days, snapshotTime } from '../../presentation/french-format';
import type { FundFigures } from './fund-figures.service';
import { KIND_PHRASES } from './recourse-texts';
import type { Situation } from './situation';

/** Which selection the figures are: "à la CPAM de Paris, pour un arrêt maladie commencé en 2026". */
export function selectionPhrase(figures: FundFigures): string {
  const kind = KIND_PHRASES[figures.kind];
  switch (figures.level) {
    case 'fund-year':
      return `à la ${figures.fundName}, pour ${kind} commencé en ${figures.year}`;
    case 'fund':
      return `à la ${figures.fundName}, pour ${kind}, toutes années confondues`;
    case 'region':
      return `dans la région ${figures.region}, pour ${kind}, toutes années confondues`;
    case 'france':
      return `en France, pour ${kind}, toutes années confondues`;
  }
}

/** Why a wider selection is shown: the finer ones publish no median (too few reports, or fewer than half paid yet). */
export function fallbackNote(figures: FundFigures): string | null {
  switch (figures.level) {
    case 'fund-year':
      return null;
    case 'fund':
      return `Pas de délai médian publié pour ${figures.year} à la ${figures.fundName} (trop peu de signalements, ou moins de la moitié payés) : voici les chiffres de toutes les années.`;
    case 'region':
      return `Pas de délai médian publié pour la ${figures.fundName} (trop peu de signalements, ou moins de la moitié payés) : voici les chiffres de sa région.`;
    case 'france':
      return `Pas de délai médian publié pour la ${figures.fundName} ni pour sa région (trop peu de signalements, ou moins de la moitié payés) : voici les chiffres de la France entière.`;
  }
}

// The last delay bin is open-ended: a figure past it reads "more than", not "within" (stats/delay-bins.ts).
const LAST_BOUNDED_DAY = 365;

/** "à la CPAM de Paris, …, la moitié des personnes sont payées en 35 jours ou moins, 9 sur 10 en 70 jours ou moins." */
export function figuresClause(figures: FundFigures): string {
  const half =
    figures.medianDays > LAST_BOUNDED_DAY
      ? `la moitié des personnes attendent plus de ${days(LAST_BOUNDED_DAY)}`
      : `la moitié des personnes sont payées en ${days(figures.medianDays)} ou moins`;
  const ninety =
    figures.p90Days === null || figures.medianDays > LAST_BOUNDED_DAY
      ? ''
      : figures.p90Days > LAST_BOUNDED_DAY
        ? `, et plus d’une sur 10 attend plus de ${days(LAST_BOUNDED_DAY)}`
        : `, 9 sur 10 en ${days(figures.p90Days)} ou moins`;
  return `${selectionPhrase(figures)}, ${half}${ninety}.`;
}

/** The same clause as a sentence of its own. */
export function figuresSentence(figures: FundFigures): string {
  const clause = figuresClause(figures);
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}`;
}

/** Where the person stands, from their report alone. */
export function yourDaysSentence(situation: Situation): string {
  if (situation.paid) return `Vous avez été payé·e ${days(situation.days)} après le début de votre arrêt.`;
  if (situation.subrogation) return `Votre arrêt a commencé il y a ${days(situation.days)} ; votre employeur maintient votre salaire.`;
  if (situation.coarsened) return `À votre dernière confirmation, vous attendiez depuis ${days(situation.days)}.`;
  return situation.days === 0 ? 'Votre arrêt commence aujourd’hui.' : `Vous en êtes au ${ordinalDay(situation.days)} d’attente.`;
}

/** "1er jour", "42e jour". */
export function ordinalDay(count: number): string {
  return count === 1 ? '1er jour' : `${count}e jour`;
}

export function snapshotNote(figures: FundFigures): string {
  return `Chiffres publiés le ${snapshotTime(figures.snapshotAt)}, sur ${figures.reports} signalements environ (chiffre arrondi et bruité pour protéger les personnes).`;
}
