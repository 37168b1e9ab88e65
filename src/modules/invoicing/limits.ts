import { decimalSchema } from '../../platform/http/validators';

/** Schema facts of invoicing response fields, from the column each value is stored in. */
/** Money in `numeric(18, 4)` columns; signed (allocations released by credit notes are negative). */
export const AMOUNT = decimalSchema({ precision: 18, scale: 4 });
/** Quantities in `numeric(16, 4)`. */
export const QUANTITY = decimalSchema({ precision: 16, scale: 4, min: '0' });
/** VAT rates in `numeric(5, 2)`. */
export const TAX_RATE = decimalSchema({ precision: 5, scale: 2, min: '0' });
/** Report sums over many documents (each `numeric(18, 4)`). */
export const REPORT_AMOUNT = decimalSchema({ precision: 30, scale: 4 });
/** ISO 4217 code. */
export const CURRENCY = { minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' };
/** UN/ECE recommendation 20 unit code. */
export const UNIT_CODE = { maxLength: 3, pattern: '^[A-Z0-9]{2,3}$' };
/** A calendar date. */
export const DATE = { format: 'date', maxLength: 10 };
/**
 * A document number formatted from its series pattern (at most 60 characters): the counter token
 * (3 characters at least) becomes at most 19 digits, a year token never grows.
 */
export const DOCUMENT_NUMBER_MAX_LENGTH = 76;
/** Allocations one payment may carry (at creation and from later allocations of its credit). */
export const MAX_PAYMENT_ALLOCATIONS = 1000;
/** Refunds of one payment. */
export const MAX_PAYMENT_REFUNDS = 100;
/** Currencies a customer can hold credit in (ISO 4217 has fewer active codes). */
export const MAX_CREDIT_CURRENCIES = 200;
