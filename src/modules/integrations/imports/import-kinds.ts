import { CreateDepartmentDto, CreateEmployeeDto, HR_WRITE, HrFacade } from '../../hr';
import { CreateItemDto, CreateSupplierDto, INVENTORY_WRITE, InventoryFacade } from '../../inventory';
import { CreateCustomerDto, INVOICING_WRITE, InvoicingFacade } from '../../invoicing';
import { columnsOf } from './csv-columns';
import { OpeningStockRowDto } from './dto/import.dto';
import type { ImportKind } from './import.entity';

/** A row that passed its DTO validation, waiting for its references and its write. */
export interface ParsedRow {
  row: number;
  body: Record<string, unknown>;
  /** Values of the kind's extra columns (references by code). */
  refs: Record<string, string>;
  errors: Array<{ field: string; message: string }>;
}

export interface KindContext {
  importId: string;
}

export interface ImportKindDefinition {
  kind: ImportKind;
  dto: abstract new (...args: never[]) => unknown;
  /** The module's write scope the caller's key must also hold. */
  writeScope: string;
  /** Columns that are not fields of the DTO (references by code), with their description. */
  extraColumns: Record<string, string>;
  /** Fields of the DTO that the file may not set (set from extra columns). */
  hiddenFields?: string[];
  /**
   * Flat column names for nested DTO fields (column -> dotted field path, with its description):
   * validated by the DTO like the field, reported under the column's name. The dotted name is not a column.
   */
  columnAliases?: Record<string, { path: string; description: string }>;
  /** Example file, for the docs. */
  example: string;
  note?: string;
  /** Resolves references of a batch in one query per reference kind; sets body fields or row errors. */
  resolve?(rows: ParsedRow[], ctx: KindContext): Promise<void>;
  write(row: ParsedRow, ctx: KindContext): Promise<void>;
}

export interface Facades {
  hr: HrFacade;
  invoicing: InvoicingFacade;
  inventory: InventoryFacade;
}

const unique = (values: Array<string | undefined>) => [...new Set(values.filter((v): v is string => Boolean(v)))];

export function importKinds(f: Facades): Record<ImportKind, ImportKindDefinition> {
  return {
    departments: {
      kind: 'departments',
      dto: CreateDepartmentDto,
      writeScope: HR_WRITE,
      extraColumns: { parentCode: 'Code of the parent department: an existing one or one on an EARLIER row of the file.' },
      hiddenFields: ['parentId'],
      example: 'code,name,costCenter,parentCode\nENG,Engineering,CC-4000,\nENG-PLAT,Platform Engineering,CC-4100,ENG\n',
      note: 'Parents come first: a row may name as parent a department that exists or is on an earlier row (files stream in one pass).',
      async resolve(rows) {
        const ids = await f.hr.departmentIdsByCode(unique(rows.map((r) => r.refs.parentCode)));
        const earlier = new Set<string>();
        for (const r of rows) {
          const code = r.refs.parentCode;
          const id = code ? ids.get(code) : undefined;
          if (id) r.body.parentId = id;
          else if (code && !earlier.has(code)) r.errors.push({ field: 'parentCode', message: `No department with code ${code} exists or comes on an earlier row.` });
          if (typeof r.body.code === 'string') earlier.add(r.body.code);
        }
      },
      async write(row) {
        // The parent may be on an earlier row of this very batch: resolve it again once written.
        const code = row.refs.parentCode;
        if (code && !row.body.parentId) {
          const id = (await f.hr.departmentIdsByCode([code])).get(code);
          if (!id) throw unknownParent(code);
          row.body.parentId = id;
        }
        await f.hr.createDepartment(row.body as unknown as CreateDepartmentDto);
      },
    },
    employees: {
      kind: 'employees',
      dto: CreateEmployeeDto,
      writeScope: HR_WRITE,
      extraColumns: {},
      example: 'firstName,lastName,workEmail,hireDate,employmentType,country\nAda,Lovelace,ada.lovelace@example.com,2026-01-05,full_time,GB\n',
      note: '`nationalId`, `iban` and `baseSalary.*` also need `hr:sensitive`, as for POST /hr/employees. References (departmentId, positionId, managerId, workCalendarId) are ids. A position of another department than departmentId refuses the row (position_department_mismatch); a position without departmentId puts the employee in the position\'s department.',
      async write(row) {
        await f.hr.hireEmployee(row.body as unknown as CreateEmployeeDto);
      },
    },
    customers: {
      kind: 'customers',
      dto: CreateCustomerDto,
      writeScope: INVOICING_WRITE,
      extraColumns: {},
      columnAliases: {
        electronicAddressScheme: { path: 'electronicAddress.scheme', description: 'Peppol electronic address scheme (EAS code, e.g. 0192); with `electronicAddressId`, or neither' },
        electronicAddressId: { path: 'electronicAddress.id', description: 'Identifier in that scheme (e.g. a Norwegian organisation number), checked as for POST /invoicing/customers' },
      },
      example:
        'legalName,vatId,billingAddress.line1,billingAddress.city,billingAddress.postalCode,billingAddress.countryCode,email,currency,paymentTermsDays,electronicAddressScheme,electronicAddressId\n' +
        'Globex Corporation Ltd,FR40303265045,1 Rue de la Paix,Paris,75002,FR,ap@globex.example,EUR,30,,\n' +
        'Nordlys Energi AS,,Karl Johans gate 1,Oslo,0154,NO,faktura@nordlys.example,NOK,30,0192,974760673\n',
      async write(row) {
        await f.invoicing.createCustomer(row.body as unknown as CreateCustomerDto);
      },
    },
    items: {
      kind: 'items',
      dto: CreateItemDto,
      writeScope: INVENTORY_WRITE,
      extraColumns: {},
      example: 'sku,name,unitOfMeasure,category,tracking,valuationMethod,reorderPoint\nBOLT-M8-40,Hex bolt M8x40,pcs,fasteners,none,moving_average,100\n',
      async write(row) {
        await f.inventory.createItem(row.body as unknown as CreateItemDto);
      },
    },
    suppliers: {
      kind: 'suppliers',
      dto: CreateSupplierDto,
      writeScope: INVENTORY_WRITE,
      extraColumns: {},
      example: 'name,contactEmail,currency,leadTimeDays\nAcme Fasteners,orders@acme.example,EUR,7\n',
      async write(row) {
        await f.inventory.createSupplier(row.body as unknown as CreateSupplierDto);
      },
    },
    'opening-stock': {
      kind: 'opening-stock',
      dto: OpeningStockRowDto,
      writeScope: INVENTORY_WRITE,
      extraColumns: {},
      example: 'sku,warehouseCode,locationCode,quantity,unitCost,lotNumber,expiryDate\nBOLT-M8-40,MAIN,A-01-03,120,0.1250,,\nMILK-1L,MAIN,COLD-01,24,0.8000,L2026-11,2026-12-10\n',
      note: 'Each row is a `receipt` stock move (reference `manual`, id of the import, reason "opening stock"); items and locations must exist.',
      async resolve(rows) {
        const itemIds = await f.inventory.itemIdsBySku(unique(rows.map((r) => r.body.sku as string)));
        const pairs = rows.map((r) => ({ warehouseCode: r.body.warehouseCode as string, locationCode: r.body.locationCode as string }));
        const locationIds = await f.inventory.locationIdsByCode(pairs);
        for (const r of rows) {
          if (!itemIds.has(r.body.sku as string)) r.errors.push({ field: 'sku', message: `No item with SKU ${String(r.body.sku)} exists.` });
          if (!locationIds.has(`${String(r.body.warehouseCode)}/${String(r.body.locationCode)}`)) {
            r.errors.push({ field: 'locationCode', message: `No location ${String(r.body.locationCode)} exists in warehouse ${String(r.body.warehouseCode)}.` });
          }
          r.refs.itemId = itemIds.get(r.body.sku as string) ?? '';
          r.refs.locationId = locationIds.get(`${String(r.body.warehouseCode)}/${String(r.body.locationCode)}`) ?? '';
        }
      },
      async write(row, ctx) {
        const b = row.body as unknown as OpeningStockRowDto;
        await f.inventory.receiveOpeningStock({
          itemId: row.refs.itemId,
          locationId: row.refs.locationId,
          quantity: b.quantity,
          unitCost: b.unitCost,
          lotNumber: b.lotNumber,
          expiryDate: b.expiryDate,
          serialNumbers: b.serialNumbers,
          referenceId: ctx.importId,
        });
      },
    },
  };
}

class UnknownParent extends Error {
  constructor(readonly code: string) {
    super(`No department with code ${code} exists or comes on an earlier row.`);
  }
}
const unknownParent = (code: string) => new UnknownParent(code);
export { UnknownParent };

/** Columns of a kind for the docs: the DTO's fields (minus hidden ones) and the extra columns. */
export function kindColumns(def: ImportKindDefinition): Array<{ name: string; required: boolean; description?: string }> {
  const aliases = Object.entries(def.columnAliases ?? {});
  const hidden = new Set([...(def.hiddenFields ?? []), ...aliases.map(([, a]) => a.path)]);
  return [
    ...columnsOf(def.dto).filter((c) => !hidden.has(c.name)),
    ...aliases.map(([name, a]) => ({ name, required: false, description: a.description })),
    ...Object.entries(def.extraColumns).map(([name, description]) => ({ name, required: false, description })),
  ];
}

/** Column name -> dotted field path of a kind's aliased columns. */
export const aliasPaths = (def: ImportKindDefinition): Record<string, string> => Object.fromEntries(Object.entries(def.columnAliases ?? {}).map(([name, a]) => [name, a.path]));

/** A validation error's field as the file names it: an aliased field path becomes its column. */
export function columnOfField(def: ImportKindDefinition, field: string): string {
  for (const [name, a] of Object.entries(def.columnAliases ?? {})) if (field === a.path || field.startsWith(`${a.path}.`)) return name;
  return field;
}
