import type { Caisse } from '../caisses/caisse.entity';
import type { AllowanceKind, Consequence } from '../reports/report.entity';

export const ALLOWANCE_KIND_LABELS: Record<AllowanceKind, string> = {
  maladie: 'Maladie',
  accident_travail: 'Accident du travail ou de trajet',
  maladie_professionnelle: 'Maladie professionnelle',
  maternite: 'Maternité',
  paternite: "Paternité / accueil de l'enfant",
};

export const CONSEQUENCE_LABELS: Record<Consequence, string> = {
  overdraft: 'Un découvert bancaire',
  unpaid_bills: 'Des factures impayées',
  borrowed: 'Un emprunt à des proches',
  emergency_aid: "Une demande d'aide d'urgence",
  none: 'Aucune conséquence',
};

// Only these départements have several funds: the fund's name alone does not say where it is.
const DEPARTEMENTS_WITH_SEVERAL_FUNDS: Record<string, string> = {
  '59': 'Nord',
  '62': 'Pas-de-Calais',
  '64': 'Pyrénées-Atlantiques',
  '76': 'Seine-Maritime',
};

export interface FundOption {
  code: string;
  label: string;
}

/** "75 – CPAM de Paris", "59 Nord – CPAM de Lille-Douai", sorted by département number. */
export function fundOptions(caisses: Caisse[]): FundOption[] {
  return [...caisses]
    .sort((a, b) => a.departements[0].localeCompare(b.departements[0]) || a.code.localeCompare(b.code))
    .map((caisse) => {
      const numbers = caisse.departements.join(', ');
      const place = DEPARTEMENTS_WITH_SEVERAL_FUNDS[caisse.departements[0]];
      return { code: caisse.code, label: `${numbers}${place ? ` ${place}` : ''} – ${caisse.name}` };
    });
}

/**
 * What a page shows for a group without a published figure, whether it holds no report or was
 * suppressed: the two must look the same (telling them apart says a hidden group is not empty), and
 * a suppressed group can hold more than the minimum group size (complementary suppression).
 */
export const NOT_PUBLISHED = 'pas assez de signalements pour publier';

/** The disclosure rule in one sentence, under the figures of every statistics page (docs/privacy.md). */
export function disclosureSentence(minGroupSize: number | undefined): string {
  return (
    'Chaque chiffre est légèrement brouillé pour qu’aucun signalement ne puisse en être déduit, et un groupe de moins de ' +
    `${minGroupSize ?? 'quelques'} signalements après ce brouillage n’est pas publié.`
  );
}
