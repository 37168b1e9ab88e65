import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { columnsOf, duplicateColumns, recordToBody, unknownColumns } from './csv-columns';

class AddressFixture {
  @ApiProperty() line1: string;
  @ApiPropertyOptional() city?: string;
}

class RowFixture {
  @ApiProperty() name: string;
  @ApiPropertyOptional() days?: number;
  @ApiPropertyOptional() active?: boolean;
  @ApiPropertyOptional({ type: [String] }) serials?: string[];
  @ApiProperty({ type: AddressFixture }) address: AddressFixture;
  @ApiPropertyOptional({ type: AddressFixture }) shipping?: AddressFixture;
}

describe('CSV columns of an import kind', () => {
  it('lists the DTO fields in order, nested ones dotted, required only where every level is', () => {
    expect(columnsOf(RowFixture)).toEqual([
      { name: 'name', required: true },
      { name: 'days', required: false },
      { name: 'active', required: false },
      { name: 'serials', required: false },
      { name: 'address.line1', required: true },
      { name: 'address.city', required: false },
      { name: 'shipping.line1', required: false },
      { name: 'shipping.city', required: false },
    ]);
  });

  it('finds unknown and repeated header names', () => {
    const known = new Set(columnsOf(RowFixture).map((c) => c.name));
    expect(unknownColumns(['name', 'colour', '__proto__', 'address.line1'], known)).toEqual(['colour', '__proto__']);
    expect(duplicateColumns(['name', 'days', 'name', 'name'])).toEqual(['name', 'name']);
  });

  it('builds the JSON body: empty cells left out, integers, booleans and lists converted, nested objects, extra columns apart', () => {
    const { body, refs } = recordToBody(
      { name: 'Acme', days: '30', active: 'TRUE', serials: 'S1| S2 |', 'address.line1': '1 Main St', 'address.city': '', parentCode: 'ENG' },
      RowFixture,
      new Set(['parentCode']),
    );
    expect(body).toEqual({ name: 'Acme', days: 30, active: true, serials: ['S1', 'S2'], address: { line1: '1 Main St' } });
    expect(refs).toEqual({ parentCode: 'ENG' });
  });

  it('fills a nested field from a flat aliased column', () => {
    const aliases = { addressLine1: 'address.line1', addressCity: 'address.city' };
    expect(recordToBody({ name: 'Acme', addressLine1: '1 Main St', addressCity: '' }, RowFixture, new Set(), aliases).body).toEqual({ name: 'Acme', address: { line1: '1 Main St' } });
    expect(recordToBody({ name: 'Acme', addressCity: 'Oslo' }, RowFixture, new Set(), aliases).body).toEqual({ name: 'Acme', address: { city: 'Oslo' } });
  });

  it('leaves text that is not a number or boolean for the validators to refuse', () => {
    expect(recordToBody({ days: 'thirty', active: 'yes' }, RowFixture, new Set()).body).toEqual({ days: 'thirty', active: 'yes' });
    expect(recordToBody({ days: '1e3' }, RowFixture, new Set()).body).toEqual({ days: '1e3' });
  });
});
