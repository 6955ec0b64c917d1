import { days } from '../../presentation/french-format';
import { ADVICE_LEADS, RECOURSE_STEPS, RecourseStep, RecourseStepId } from './recourse-texts';
import type { Situation } from './situation';

export type AdviceBranch = 'paid' | 'subrogated' | 'closed' | 'askEmployer' | 'contactFund' | 'complain';

/** What to do now: a lead sentence, the whole ladder in order, and the step to start from. */
export interface Advice {
  branch: AdviceBranch;
  lead: string;
  steps: readonly RecourseStep[];
  startAt: RecourseStepId;
  /** whether the complaint and mediator letters are offered */
  offersLetters: boolean;
}

/**
 * Chooses where a person starts on the ladder from their report alone. The employer comes first
 * whenever the attestation's date is unknown, since the fund cannot pay without it; past the
 * statistics' threshold (THRESHOLD_DAYS, the "paid after N days" line of the published figures)
 * a written complaint is due.
 */
export function adviceFor(situation: Situation, thresholdDays: number): Advice {
  const base = { steps: RECOURSE_STEPS };
  if (situation.paid) return { ...base, branch: 'paid', lead: ADVICE_LEADS.paid, startAt: 'contact', offersLetters: false };
  if (situation.subrogation) return { ...base, branch: 'subrogated', lead: ADVICE_LEADS.subrogated, startAt: 'employer', offersLetters: false };
  // A coarsened report has lost its dates, the attestation's included: nothing to ask about them.
  if (situation.coarsened) return { ...base, branch: 'closed', lead: ADVICE_LEADS.closed, startAt: 'complaint', offersLetters: false };
  if (situation.certificateSentOn === null) {
    return { ...base, branch: 'askEmployer', lead: ADVICE_LEADS.askEmployer, startAt: 'employer', offersLetters: lettersFit(situation, thresholdDays) };
  }
  if (situation.days < thresholdDays) return { ...base, branch: 'contactFund', lead: ADVICE_LEADS.contactFund, startAt: 'contact', offersLetters: false };
  return {
    ...base,
    branch: 'complain',
    lead: ADVICE_LEADS.complain.replace('{threshold}', days(thresholdDays)),
    startAt: 'complaint',
    offersLetters: lettersFit(situation, thresholdDays),
  };
}

function lettersFit(situation: Situation, thresholdDays: number): boolean {
  return situation.days >= thresholdDays;
}
