import { DashboardFilters, DEFAULT_FILTERS } from './statistics-page.service';

// Addresses written into /statistiques: only the values that differ from the defaults, so a
// shared link stays short and the default view has one address.

/** /statistiques with these filters (and `changes` over them), e.g. "/statistiques?period=2025&tri=mediane". */
export function dashboardUrl(filters: DashboardFilters, changes: Partial<DashboardFilters> = {}, fragment = ''): string {
  const chosen = { ...filters, ...changes };
  const query = new URLSearchParams();
  for (const field of Object.keys(DEFAULT_FILTERS) as (keyof DashboardFilters)[]) {
    if (chosen[field] !== DEFAULT_FILTERS[field]) query.set(field, chosen[field]);
  }
  const search = query.toString();
  return `/statistiques${search ? `?${search}` : ''}${fragment ? `#${fragment}` : ''}`;
}

/** The period and kind a fund or département page takes over (it has those two filters, not the others). */
function pageQuery(filters: DashboardFilters): string {
  const query = new URLSearchParams();
  if (filters.period !== DEFAULT_FILTERS.period) query.set('period', filters.period);
  if (filters.kind !== DEFAULT_FILTERS.kind) query.set('kind', filters.kind);
  const search = query.toString();
  return search ? `?${search}` : '';
}

/** The page of one fund, for the same period and kind. */
export function fundPageUrl(code: string, filters: DashboardFilters): string {
  return `/statistiques/caisses/${encodeURIComponent(code)}${pageQuery(filters)}`;
}

/** The page of one département (its funds), for the same period and kind. */
export function departementPageUrl(code: string, filters: DashboardFilters): string {
  return `/statistiques/departements/${encodeURIComponent(code)}${pageQuery(filters)}`;
}
