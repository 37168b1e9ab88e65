import Holidays from 'date-holidays';

/**
 * Public holidays (type `public`) of a country, optionally a region/state, for the given years,
 * as local `YYYY-MM-DD` dates. Observed substitute days count as holidays.
 */
export function holidaysFor(country: string | null, region: string | null, years: number[]): Set<string> {
  const out = new Set<string>();
  if (!country) return out;
  const hd = region ? new Holidays(country, region) : new Holidays(country);
  for (const year of years) {
    for (const h of hd.getHolidays(year) || []) {
      if (h.type === 'public') out.add(h.date.slice(0, 10));
    }
  }
  return out;
}

/** Whether date-holidays knows the country (and region, when given). */
export function knownHolidayRegion(country: string, region: string | null): boolean {
  const hd = new Holidays();
  const countries = hd.getCountries() as Record<string, string> | undefined;
  if (!countries || !(country in countries)) return false;
  if (!region) return true;
  const states = hd.getStates(country) as Record<string, string> | undefined;
  return Boolean(states && region in states);
}
