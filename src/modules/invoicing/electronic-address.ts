/**
 * Peppol electronic addresses (EN 16931 BT-34 seller, BT-49 buyer): a scheme from the Peppol EAS
 * code list and an identifier in that scheme. Pure data and functions: used by the request DTOs,
 * the CSV import (through those DTOs), the UBL renderer and the EN 16931 / Peppol checker, so
 * all of them accept and refuse the same addresses.
 */

/**
 * Peppol's Electronic Address Scheme list (PEPPOL-EN16931-CL008): the EAS codes a Peppol endpoint
 * may use. Source: the `eaid` list of the Peppol BIS Billing 3.0 validation rules (PEPPOL-EN16931-UBL.sch),
 * May 2026 release (mandatory from 2026-08-24), which corrected the list: it dropped 0037, 0193,
 * 0202, 0212, 0213 and 0215 and added 0242, 0246 and 0248 (0244 came with November 2025).
 * No e-mail scheme (EM): Peppol does not route to e-mail addresses.
 */
export const PEPPOL_EAS_CODES = (
  '0002 0007 0009 0060 0088 0096 0097 0106 0130 0135 0142 0151 0158 0183 0184 0188 0190 0191 0192 0195 0196 0198 0199 0200 0201 0204 ' +
  '0208 0209 0210 0211 0216 0218 0221 0225 0230 0235 0240 0242 0244 0245 0246 0248 ' +
  '9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 ' +
  '9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959'
).split(' ');

export const PEPPOL_EAS = new Set(PEPPOL_EAS_CODES);

/** Longest identifier accepted: ample for every scheme in the list (Leitweg-IDs, LEIs, VAT numbers). */
export const ELECTRONIC_ADDRESS_ID_MAX = 100;

/** Printable characters only, no whitespace at either end (inner spaces are kept as given). */
export const ELECTRONIC_ADDRESS_ID_PATTERN = '^[^\\s\\p{C}](?:[^\\p{C}]*[^\\s\\p{C}])?$';
const ID_RE = new RegExp(ELECTRONIC_ADDRESS_ID_PATTERN, 'u');

export interface ElectronicAddress {
  scheme: string;
  id: string;
}

const digits = (s: string) => [...s].map(Number);

/** GS1 check digit (GLN, GTIN): weights 3 and 1 from the right, excluding the check digit. */
export function gs1CheckDigitValid(value: string): boolean {
  const d = digits(value);
  const check = d.pop()!;
  const sum = d.reverse().reduce((s, n, i) => s + n * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** Norwegian organisation number: weights 3 2 7 6 5 4 3 2, check digit 11 - (sum mod 11), never 10. */
function mod11NoValid(value: string): boolean {
  const d = digits(value);
  const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * d[i], 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === d[8];
}

/** Belgian enterprise number: the last two digits are 97 - (first eight mod 97). */
const mod97BeValid = (value: string) => 97 - (Number(value.slice(0, 8)) % 97) === Number(value.slice(8));

/** Swedish organisation number: Luhn over the ten digits. */
function luhnValid(value: string): boolean {
  const sum = digits(value)
    .reverse()
    .reduce((s, n, i) => s + (i % 2 === 1 ? (n * 2 > 9 ? n * 2 - 9 : n * 2) : n), 0);
  return sum % 10 === 0;
}

/** Australian Business Number: subtract 1 from the first digit, weights 10 1 3 5 ... 19, sum divisible by 89. */
function abnValid(value: string): boolean {
  const d = digits(value);
  d[0] -= 1;
  return [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19].reduce((s, w, i) => s + w * d[i], 0) % 89 === 0;
}

interface SchemeFormat {
  name: string;
  /** What a valid identifier looks like, for error messages and the API description. */
  format: string;
  /** The Peppol rule that enforces the format, where there is one. */
  rule?: string;
  valid: (id: string) => boolean;
}

/**
 * The schemes whose identifier format is simple and well known, checked on input and in the
 * checker. The Peppol rules are those of the PEPPOL-COMMON set (all fatal in the May 2026 release);
 * D-U-N-S and SIRET have no Peppol rule and are checked for their length only.
 */
export const SCHEME_FORMATS: Record<string, SchemeFormat> = {
  '0007': { name: 'Swedish organisation number', format: '10 digits with a valid Luhn check digit', rule: 'PEPPOL-COMMON-R049', valid: (id) => /^\d{10}$/.test(id) && luhnValid(id) },
  '0009': { name: 'SIRET', format: '14 digits', valid: (id) => /^\d{14}$/.test(id) },
  '0060': { name: 'D-U-N-S number', format: '9 digits', valid: (id) => /^\d{9}$/.test(id) },
  '0088': { name: 'GLN', format: '13 digits with a valid GS1 check digit', rule: 'PEPPOL-COMMON-R040', valid: (id) => /^\d{13}$/.test(id) && gs1CheckDigitValid(id) },
  '0096': { name: 'Danish P-number', format: '10 digits', rule: 'PEPPOL-COMMON-R052', valid: (id) => /^\d{10}$/.test(id) },
  '0151': { name: 'Australian Business Number', format: '11 digits with a valid ABN check', rule: 'PEPPOL-COMMON-R050', valid: (id) => /^\d{11}$/.test(id) && abnValid(id) },
  '0184': { name: 'Danish CVR number', format: '8 digits, optionally prefixed with DK', rule: 'PEPPOL-COMMON-R042', valid: (id) => /^(DK)?\d{8}$/.test(id) },
  '0192': { name: 'Norwegian organisation number', format: '9 digits with a valid mod-11 check digit', rule: 'PEPPOL-COMMON-R041', valid: (id) => /^\d{9}$/.test(id) && mod11NoValid(id) },
  '0198': { name: 'Danish ERSTORG (SE) number', format: 'DK followed by 8 digits', rule: 'PEPPOL-COMMON-R053', valid: (id) => /^DK\d{8}$/.test(id) },
  '0208': { name: 'Belgian enterprise number', format: '10 digits with valid mod-97 check digits', rule: 'PEPPOL-COMMON-R043', valid: (id) => /^\d{10}$/.test(id) && mod97BeValid(id) },
};

/** One line per checked scheme, for the API description. */
export const CHECKED_SCHEMES_DOC = Object.entries(SCHEME_FORMATS)
  .map(([code, f]) => `${code} ${f.name}: ${f.format}`)
  .join('; ');

/** Why `id` is not an identifier of `scheme` (null when it is, or when the scheme's format is not checked). */
export function schemeIdProblem(scheme: string, id: string): string | null {
  const f = SCHEME_FORMATS[scheme];
  if (!f || f.valid(id)) return null;
  return `is not a valid ${f.name} (scheme ${scheme}): expected ${f.format}`;
}

/** Whether `id` has the general form of an identifier (printable, trimmed, 1..max characters). */
export const idShapeValid = (id: string) => id.length >= 1 && id.length <= ELECTRONIC_ADDRESS_ID_MAX && ID_RE.test(id);

/** Every complaint about a whole address, by sub-field (empty when the address is usable). */
export function electronicAddressProblems(a: ElectronicAddress): Array<{ field: 'scheme' | 'id'; message: string }> {
  const out: Array<{ field: 'scheme' | 'id'; message: string }> = [];
  if (!PEPPOL_EAS.has(a.scheme)) out.push({ field: 'scheme', message: `${a.scheme} is not in the Peppol EAS code list` });
  if (!idShapeValid(a.id)) out.push({ field: 'id', message: `must be 1 to ${ELECTRONIC_ADDRESS_ID_MAX} printable characters without surrounding spaces` });
  else {
    const p = schemeIdProblem(a.scheme, a.id);
    if (p) out.push({ field: 'id', message: p });
  }
  return out;
}
