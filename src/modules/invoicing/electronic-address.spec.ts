import { electronicAddressProblems, gs1CheckDigitValid, PEPPOL_EAS, schemeIdProblem } from './electronic-address';

const problems = (scheme: string, id: string) => electronicAddressProblems({ scheme, id }).map((p) => p.field);

describe('Peppol electronic address', () => {
  it('knows the Peppol EAS list of the May 2026 release, without e-mail and the codes it dropped', () => {
    for (const code of ['0007', '0009', '0060', '0088', '0184', '0192', '0204', '0208', '0242', '0244', '0246', '0248', '9930', '9957', '9959']) expect(PEPPOL_EAS.has(code)).toBe(true);
    for (const code of ['EM', '0037', '0193', '0202', '0212', '0213', '0215', '9901', '9955', '9958']) expect(PEPPOL_EAS.has(code)).toBe(false);
  });

  it('checks the GS1 check digit of a GLN (0088)', () => {
    expect(gs1CheckDigitValid('4000001000005')).toBe(true);
    expect(gs1CheckDigitValid('5790000435975')).toBe(true);
    expect(gs1CheckDigitValid('5790000435976')).toBe(false);
    expect(problems('0088', '4000001000005')).toEqual([]);
    expect(problems('0088', '4000001000006')).toEqual(['id']);
    expect(problems('0088', '400000100000')).toEqual(['id']);
    expect(schemeIdProblem('0088', '4000001000006')).toBe('is not a valid GLN (scheme 0088): expected 13 digits with a valid GS1 check digit');
  });

  it('checks the formats of the schemes with simple, well-known identifiers', () => {
    expect(problems('0192', '974760673')).toEqual([]); // Brønnøysundregistrene
    expect(problems('0192', '974760672')).toEqual(['id']); // mod-11 check digit
    expect(problems('0192', 'NO974760673MVA')).toEqual(['id']);
    expect(problems('0208', '0403170701')).toEqual([]);
    expect(problems('0208', '0403170702')).toEqual(['id']); // mod-97
    expect(problems('0184', '12345678')).toEqual([]);
    expect(problems('0184', 'DK12345678')).toEqual([]); // Peppol's R042 accepts both forms
    expect(problems('0184', '1234567')).toEqual(['id']);
    expect(problems('0198', 'DK12345678')).toEqual([]);
    expect(problems('0198', '12345678')).toEqual(['id']);
    expect(problems('0096', '1234567890')).toEqual([]);
    expect(problems('0007', '5560360793')).toEqual([]);
    expect(problems('0007', '5560360794')).toEqual(['id']); // Luhn
    expect(problems('0151', '51824753556')).toEqual([]);
    expect(problems('0151', '51824753557')).toEqual(['id']); // mod-89
    expect(problems('0060', '123456789')).toEqual([]);
    expect(problems('0060', '12345678')).toEqual(['id']);
    expect(problems('0009', '30326504500017')).toEqual([]);
    expect(problems('0009', '303265045')).toEqual(['id']);
  });

  it('checks only the general form for other schemes, and refuses unknown schemes', () => {
    expect(problems('0204', '04011000-12345-03')).toEqual([]);
    expect(problems('9930', 'DE123456789')).toEqual([]);
    expect(problems('0204', ' 04011000-12345-03')).toEqual(['id']);
    expect(problems('0204', '04011000-12345-03 ')).toEqual(['id']);
    expect(problems('0204', '')).toEqual(['id']);
    expect(problems('0204', 'a\u0000b')).toEqual(['id']);
    expect(problems('0204', 'x'.repeat(101))).toEqual(['id']);
    expect(problems('9999', 'X1')).toEqual(['scheme']);
  });
});
