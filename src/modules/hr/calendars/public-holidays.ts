import Holidays from 'date-holidays';

const byRegion = new Map<string, Holidays>();

function holidaysOf(country: string, region: string | null): Holidays {
  const key = `${country}-${region ?? ''}`;
  let h = byRegion.get(key);
  if (!h) {
    h = region ? new Holidays(country, region) : new Holidays(country);
    byRegion.set(key, h);
  }
  return h;
}

/** Countries and regions the public-holiday data (the `date-holidays` package) knows. */
export function isKnownHolidayRegion(country: string, region: string | null): boolean {
  const countries = new Holidays().getCountries();
  if (!countries[country]) return false;
  if (!region) return true;
  return Boolean(new Holidays().getStates(country)?.[region]);
}

/** Public holidays (type `public`, substitute days included) between two dates, by date. */
export function publicHolidays(country: string, region: string | null, from: string, to: string): Map<string, string> {
  const h = holidaysOf(country, region);
  const out = new Map<string, string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const day of h.getHolidays(year)) {
      if (day.type !== 'public') continue;
      const date = day.date.slice(0, 10);
      if (date >= from && date <= to && !out.has(date)) out.set(date, day.name);
    }
  }
  return out;
}
