import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { changedFields } from '../../platform/changes/changed-fields';
import type { Address } from './address.dto';
import { ELECTRONIC_ADDRESS_ID_MAX, type ElectronicAddress } from './electronic-address';
import type { CustomerDto } from './customers/dto/customer.dto';
import type { InvoiceDto } from './invoices/dto/invoice.dto';
import { AMOUNT } from './limits';
import type { ProductDto } from './products/dto/product.dto';
import type { SellerProfileDto } from './seller-profile/dto/seller-profile.dto';
import type { SeriesDto } from './series/dto/series.dto';
import { SERIES_DOCUMENT_TYPES } from './series/series.entity';
import type { TaxCategoryDto } from './tax-categories/dto/tax-category.dto';
import { TAX_CATEGORY_CODES } from './invoices/totals.calculator';
import { MAX_INVOICE_LINES } from './invoices/dto/invoice.dto';

/**
 * Invoicing's master data and invoice drafts as they are after the change (before it, for a
 * deletion). Updates name the fields that changed in `changedFields` (empty otherwise).
 */
export interface CustomerChangedPayload {
  customerId: string;
  legalName: string;
  tradingName: string | null;
  vatId: string | null;
  taxId: string | null;
  companyId: string | null;
  billingAddress: Address;
  email: string | null;
  /** Peppol electronic address (BT-49) of the company; null when derived from the VAT number. */
  electronicAddress: ElectronicAddress | null;
  currency: string;
  paymentTermsDays: number;
  creditLimit: string | null;
  changedFields: string[];
}

export interface ProductChangedPayload {
  productId: string;
  code: string;
  name: string;
  unitCode: string;
  unitPrice: string;
  taxCategoryId: string;
  inventoryItemId: string | null;
  stockLocationId: string | null;
  active: boolean;
  changedFields: string[];
}

export interface TaxCategoryCreatedPayload {
  taxCategoryId: string;
  code: string;
  rate: string;
  name: string;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
  validFrom: string;
}

export interface SeriesCreatedPayload {
  seriesId: string;
  code: string;
  name: string;
  pattern: string;
  yearlyReset: boolean;
  documentType: string;
}

/** A new version of the seller's details. Contact and bank details and the electronic address are not in the event: `changedFields` only names them. */
export interface SellerProfileChangedPayload {
  sellerProfileId: string;
  versionNo: number;
  previousSellerProfileId: string | null;
  legalName: string;
  vatId: string | null;
  companyId: string | null;
  /** The fields that differ from the previous version (every field given, for the first one). */
  changedFields: string[];
}

export interface InvoiceDraftChangedPayload {
  invoiceId: string;
  status: 'draft';
  seriesId: string;
  customerId: string;
  currency: string;
  dueDate: string | null;
  buyerReference: string | null;
  orderReference: string | null;
  lineCount: number;
  taxExclusiveAmount: string;
  taxTotal: string;
  payableAmount: string;
  changedFields: string[];
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'invoicing.customer.created': CustomerChangedPayload;
    'invoicing.customer.updated': CustomerChangedPayload;
    'invoicing.customer.deleted': CustomerChangedPayload;
    'invoicing.product.created': ProductChangedPayload;
    'invoicing.product.updated': ProductChangedPayload;
    'invoicing.tax_category.created': TaxCategoryCreatedPayload;
    'invoicing.series.created': SeriesCreatedPayload;
    'invoicing.seller_profile.changed': SellerProfileChangedPayload;
    'invoicing.invoice.drafted': InvoiceDraftChangedPayload;
    'invoicing.invoice.updated': InvoiceDraftChangedPayload;
    'invoicing.invoice.deleted': InvoiceDraftChangedPayload;
  }
}

export const INVOICING_CHANGE_EVENT_TOPICS = [
  'invoicing.customer.created',
  'invoicing.customer.updated',
  'invoicing.customer.deleted',
  'invoicing.product.created',
  'invoicing.product.updated',
  'invoicing.tax_category.created',
  'invoicing.series.created',
  'invoicing.seller_profile.changed',
  'invoicing.invoice.drafted',
  'invoicing.invoice.updated',
  'invoicing.invoice.deleted',
] as const;

export const CUSTOMER_FIELDS = ['legalName', 'tradingName', 'vatId', 'taxId', 'companyId', 'billingAddress', 'email', 'electronicAddress', 'currency', 'paymentTermsDays', 'creditLimit'] as const;
export const PRODUCT_FIELDS = ['name', 'unitCode', 'unitPrice', 'taxCategoryId', 'inventoryItemId', 'stockLocationId', 'active'] as const;
export const SELLER_PROFILE_FIELDS = ['legalName', 'vatId', 'companyId', 'address', 'email', 'electronicAddress', 'phone', 'iban', 'bic'] as const;
/** What an edit of a draft can change (the payable amount follows lines, allowances and charges, and the prepaid amount). */
export const INVOICE_DRAFT_FIELDS = ['customerId', 'currency', 'dueDate', 'buyerReference', 'orderReference', 'note', 'lines', 'allowancesCharges', 'payableAmount'] as const;

export const customerPayload = (c: CustomerDto, changedFields: string[] = []): CustomerChangedPayload => ({
  customerId: c.id,
  legalName: c.legalName,
  tradingName: c.tradingName,
  vatId: c.vatId,
  taxId: c.taxId,
  companyId: c.companyId,
  billingAddress: c.billingAddress,
  email: c.email,
  electronicAddress: c.electronicAddress,
  currency: c.currency,
  paymentTermsDays: c.paymentTermsDays,
  creditLimit: c.creditLimit,
  changedFields,
});

export const productPayload = (p: ProductDto, changedFields: string[] = []): ProductChangedPayload => ({
  productId: p.id,
  code: p.code,
  name: p.name,
  unitCode: p.unitCode,
  unitPrice: p.unitPrice,
  taxCategoryId: p.taxCategoryId,
  inventoryItemId: p.inventoryItemId,
  stockLocationId: p.stockLocationId,
  active: p.active,
  changedFields,
});

export const taxCategoryPayload = (t: TaxCategoryDto): TaxCategoryCreatedPayload => ({
  taxCategoryId: t.id,
  code: t.code,
  rate: t.rate,
  name: t.name,
  exemptionReason: t.exemptionReason,
  exemptionReasonCode: t.exemptionReasonCode,
  validFrom: t.validFrom,
});

export const seriesPayload = (s: SeriesDto): SeriesCreatedPayload => ({
  seriesId: s.id,
  code: s.code,
  name: s.name,
  pattern: s.pattern,
  yearlyReset: s.yearlyReset,
  documentType: s.documentType,
});

export const sellerProfilePayload = (s: SellerProfileDto, previous: SellerProfileDto | null): SellerProfileChangedPayload => ({
  sellerProfileId: s.id,
  versionNo: s.versionNo,
  previousSellerProfileId: previous?.id ?? null,
  legalName: s.legalName,
  vatId: s.vatId,
  companyId: s.companyId,
  changedFields: previous ? changedFields(SELLER_PROFILE_FIELDS, previous, s) : SELLER_PROFILE_FIELDS.filter((k) => s[k] !== null),
});

export const invoiceDraftPayload = (v: InvoiceDto, changedFields: string[] = []): InvoiceDraftChangedPayload => ({
  invoiceId: v.id,
  status: 'draft',
  seriesId: v.seriesId,
  customerId: v.customerId,
  currency: v.currency,
  dueDate: v.dueDate,
  buyerReference: v.buyerReference,
  orderReference: v.orderReference,
  lineCount: v.lines.length,
  taxExclusiveAmount: v.totals.taxExclusiveAmount,
  taxTotal: v.totals.taxTotal,
  payableAmount: v.totals.payableAmount,
  changedFields,
});

const amount = S.string({ pattern: AMOUNT.pattern, maxLength: AMOUNT.maxLength, description: 'Decimal string in the document currency.' });
const currency = S.string({ pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 });
const code = (maxLength: number) => S.string(maxLength, { pattern: '^[A-Z0-9][A-Z0-9._-]*$' });

const customerSchema = S.object({
  customerId: S.uuid(),
  legalName: S.string(200),
  tradingName: S.nullable(S.string(200)),
  vatId: S.nullable(S.string(30)),
  taxId: S.nullable(S.string(50)),
  companyId: S.nullable(S.string(50)),
  billingAddress: S.object({
    line1: S.string(200),
    line2: S.nullable(S.string(200)),
    city: S.string(100),
    postalCode: S.nullable(S.string(20)),
    countryCode: S.string(2, { pattern: '^[A-Z]{2}$' }),
  }),
  email: S.nullable(S.string(254)),
  electronicAddress: S.nullable(S.object({ scheme: S.string(4, { pattern: '^[0-9]{4}$' }), id: S.string(ELECTRONIC_ADDRESS_ID_MAX) })),
  currency,
  paymentTermsDays: S.int32(0, 365),
  creditLimit: S.nullable(S.decimal({ precision: 14, scale: 2, min: '0' })),
  changedFields: S.array(S.enum(CUSTOMER_FIELDS), CUSTOMER_FIELDS.length),
});

const productSchema = S.object({
  productId: S.uuid(),
  code: code(50),
  name: S.string(200),
  unitCode: S.string(3, { pattern: '^[A-Z0-9]{2,3}$' }),
  unitPrice: S.decimal({ precision: 18, scale: 4, min: '0' }),
  taxCategoryId: S.uuid(),
  inventoryItemId: S.nullable(S.uuid()),
  stockLocationId: S.nullable(S.uuid()),
  active: S.boolean(),
  changedFields: S.array(S.enum(PRODUCT_FIELDS), PRODUCT_FIELDS.length),
});

const invoiceDraftSchema = S.object({
  invoiceId: S.uuid(),
  status: S.enum(['draft']),
  seriesId: S.uuid(),
  customerId: S.uuid(),
  currency,
  dueDate: S.nullable(S.date()),
  buyerReference: S.nullable(S.string(200)),
  orderReference: S.nullable(S.string(200)),
  lineCount: S.int32(0, MAX_INVOICE_LINES),
  taxExclusiveAmount: amount,
  taxTotal: amount,
  payableAmount: amount,
  changedFields: S.array(S.enum(INVOICE_DRAFT_FIELDS), INVOICE_DRAFT_FIELDS.length),
});

defineEventTypes({
  'invoicing.customer.created': { description: 'A customer was created.', aggregateType: 'customer', schema: customerSchema },
  'invoicing.customer.updated': { description: 'A customer changed (names, identifiers, address, e-mail, Peppol electronic address, currency, payment terms or credit limit); `changedFields` names what.', aggregateType: 'customer', schema: customerSchema },
  'invoicing.customer.deleted': { description: 'A customer no invoice named was deleted; the payload is the customer as it was.', aggregateType: 'customer', schema: customerSchema },
  'invoicing.product.created': { description: 'A product (an invoice line template, optionally issued from stock) was created.', aggregateType: 'product', schema: productSchema },
  'invoicing.product.updated': { description: 'A product changed (name, unit, price, tax category, stock link or active flag); `changedFields` names what. Drafts keep their prices.', aggregateType: 'product', schema: productSchema },
  'invoicing.tax_category.created': {
    description: 'A VAT category and rate, valid from a date, was created (a new rate is a new category).',
    aggregateType: 'tax_category',
    schema: S.object({
      taxCategoryId: S.uuid(),
      code: S.enum(TAX_CATEGORY_CODES),
      rate: S.decimal({ precision: 5, scale: 2, min: '0' }),
      name: S.string(100),
      exemptionReason: S.nullable(S.string(300)),
      exemptionReasonCode: S.nullable(S.string(30)),
      validFrom: S.date(),
    }),
  },
  'invoicing.series.created': {
    description: 'A number series for invoices or credit notes was created.',
    aggregateType: 'invoice_series',
    schema: S.object({ seriesId: S.uuid(), code: S.string(20, { pattern: '^[A-Z0-9][A-Z0-9_-]*$' }), name: S.string(200), pattern: S.string(60), yearlyReset: S.boolean(), documentType: S.enum(SERIES_DOCUMENT_TYPES) }),
  },
  'invoicing.seller_profile.changed': {
    description: 'The seller\'s details got a new version, used by invoices issued from now on; `changedFields` names what differs from the previous version (bank details by name only).',
    aggregateType: 'seller_profile',
    schema: S.object({
      sellerProfileId: S.uuid(),
      versionNo: S.int32(1),
      previousSellerProfileId: S.nullable(S.uuid()),
      legalName: S.string(200),
      vatId: S.nullable(S.string(30)),
      companyId: S.nullable(S.string(50)),
      changedFields: S.array(S.enum(SELLER_PROFILE_FIELDS), SELLER_PROFILE_FIELDS.length),
    }),
  },
  'invoicing.invoice.drafted': { description: 'A draft invoice (no number yet) was created, over the API or by a contract\'s billing schedule.', aggregateType: 'invoice', schema: invoiceDraftSchema },
  'invoicing.invoice.updated': { description: 'A draft invoice changed; totals are recomputed and `changedFields` names what changed.', aggregateType: 'invoice', schema: invoiceDraftSchema },
  'invoicing.invoice.deleted': { description: 'A draft invoice was deleted; the payload is the draft as it was.', aggregateType: 'invoice', schema: invoiceDraftSchema },
});
