import { CONSEQUENCES } from '../reports/report.entity';

// How the refresh's SQL packs one report into one integer, and how Node unpacks it. Both sides
// are generated from the tables below, so adding a consequence or widening a field changes the
// SQL and the decoder together (a test checks the round trip on PostgreSQL).

/** Buckets of the change sketch (disclosure-control.ts, changesBetween): 16 by report id, 16 by content. */
export const SKETCH_BUCKETS = 16;
const BUCKET_BITS = Math.log2(SKETCH_BUCKETS);

/** The fields of a packed report, lowest bits first; `duration` takes the bits left. */
const FACT_FIELDS = [
  { name: 'contentBucket', bits: BUCKET_BITS },
  { name: 'idBucket', bits: BUCKET_BITS },
  { name: 'consequenceMask', bits: CONSEQUENCES.length },
  { name: 'paid', bits: 1 },
] as const;

type FieldName = (typeof FACT_FIELDS)[number]['name'] | 'duration';

/** Bit offset and mask of each field (duration: offset only, it runs to the top of the integer). */
export const FACT_LAYOUT: Record<FieldName, { shift: number; mask: number }> = (() => {
  const layout = {} as Record<FieldName, { shift: number; mask: number }>;
  let shift = 0;
  for (const field of FACT_FIELDS) {
    layout[field.name] = { shift, mask: (1 << field.bits) - 1 };
    shift += field.bits;
  }
  layout.duration = { shift, mask: 2 ** (31 - shift) - 1 };
  return layout;
})();

/** Longest duration a packed fact holds (the sign bit stays clear). */
export const MAX_PACKED_DURATION = FACT_LAYOUT.duration.mask;

/** Consequence counts kept per cell: answered first, then one per value of CONSEQUENCES. */
export const CONSEQUENCE_COUNTS = CONSEQUENCES.length + 1;

/** SQL: the consequences array as a bitmask, bit i for CONSEQUENCES[i]. */
export function consequenceMaskSql(column: string): string {
  // | and << share one precedence in SQL: each shift needs its parentheses.
  return CONSEQUENCES.map((value, bit) => `(('${value}' = ANY (${column}))::int << ${bit})`).join(' | ');
}

/** SQL: the packed fact from SQL expressions for each field (each already within its bits). */
export function packFactSql(fields: Record<FieldName, string>): string {
  return (Object.keys(FACT_LAYOUT) as FieldName[]).map((name) => `((${fields[name]}) << ${FACT_LAYOUT[name].shift})`).join(' | ');
}

export interface UnpackedFact {
  duration: number;
  paid: boolean;
  consequenceMask: number;
  idBucket: number;
  contentBucket: number;
}

/** The same packing as packFactSql, in Node (simulations and tests). */
export function packFact(fact: UnpackedFact): number {
  const values: Record<FieldName, number> = { ...fact, paid: fact.paid ? 1 : 0 };
  return (Object.keys(FACT_LAYOUT) as FieldName[]).reduce((packed, name) => packed | ((values[name] & FACT_LAYOUT[name].mask) << FACT_LAYOUT[name].shift), 0);
}

export function unpackFact(fact: number): UnpackedFact {
  const field = (name: FieldName) => (fact >>> FACT_LAYOUT[name].shift) & FACT_LAYOUT[name].mask;
  return {
    duration: field('duration'),
    paid: field('paid') === 1,
    consequenceMask: field('consequenceMask'),
    idBucket: field('idBucket'),
    contentBucket: field('contentBucket'),
  };
}

/** The fund's part travels apart: duration × 2 + paid, or -1 without an attestation date. */
export function fundFactSql(duration: string, paid: string): string {
  return `COALESCE(${duration} * 2 + ${paid}::int, -1)`;
}

export function packFundFact(fact: { duration: number; paid: boolean } | null): number {
  return fact === null ? -1 : fact.duration * 2 + (fact.paid ? 1 : 0);
}

export function unpackFundFact(fact: number): { duration: number; paid: boolean } | null {
  return fact < 0 ? null : { duration: fact >> 1, paid: (fact & 1) === 1 };
}
