import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { CONTRACT_STATUSES, CONTRACT_TYPES, COUNTERPARTY_KINDS, NOTICE_UNITS, PARTIES, RENEWAL_TYPES } from '../contract.entity';

const EXAMPLE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
/** Signers a contract can name. */
export const MAX_CONTRACT_SIGNERS = 20;
/** Versions a contract can hold (the original and its amendments); an amendment past it is refused with 422. */
export const MAX_CONTRACT_VERSIONS = 100;
/** Actions a user can call (the others are the daily job's). */
const USER_ACTIONS = ['edit', 'delete', 'submit', 'return', 'approve', 'sign', 'amend', 'renew', 'terminate'] as const;

export class PostalAddressDto {
  @ApiProperty({ example: 'Hauptstraße 1', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  line1: string;

  @ApiPropertyOptional({ example: '3rd floor', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'Berlin', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  city: string;

  @ApiProperty({ example: '10115', minLength: 1, maxLength: 20 })
  @IsString() @MinLength(1) @MaxLength(20)
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2.', example: 'DE', pattern: '^[A-Z]{2}$', maxLength: 2 })
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an upper-case ISO 3166-1 alpha-2 code, e.g. DE' }) @IsISO31661Alpha2() @MaxLength(2)
  countryCode: string;
}

export class CounterpartyInputDto {
  @ApiProperty({ enum: COUNTERPARTY_KINDS, description: '`employee` (HR), `customer` (invoicing) or a free `party`.', example: 'customer' })
  @IsIn(COUNTERPARTY_KINDS)
  kind: (typeof COUNTERPARTY_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'kind `employee`: the employee.', example: EXAMPLE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind `customer`: the invoicing customer.', example: EXAMPLE_ID })
  @IsOptional() @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({ description: 'kind `party`: the party\'s legal name (required). Taken from HR or invoicing otherwise.', example: 'Initech LLC', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Company registration id of a free party.', example: 'HRB 12345', maxLength: 50 })
  @IsOptional() @IsString() @MaxLength(50)
  companyId?: string;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional() @ValidateNested() @Type(() => PostalAddressDto)
  address?: PostalAddressDto;
}

export class NoticePeriodDto {
  @ApiProperty({ example: 3, minimum: 1, maximum: 3650 })
  @IsInt() @Min(1) @Max(3650)
  value: number;

  @ApiProperty({ enum: NOTICE_UNITS, example: 'months' })
  @IsIn(NOTICE_UNITS)
  unit: (typeof NOTICE_UNITS)[number];
}

export class SignerInputDto {
  @ApiProperty({ example: 'Jane Doe', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'jane.doe@acme.example', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email' }) @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Managing director', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  role: string;

  @ApiProperty({ enum: PARTIES, example: 'internal' })
  @IsIn(PARTIES)
  party: (typeof PARTIES)[number];

  @ApiPropertyOptional({ description: 'The contract becomes active only when every required signer has signed.', default: true, example: true })
  @IsOptional() @IsBoolean()
  required?: boolean;
}

export class CreateContractDto {
  @ApiProperty({ example: 'Support and maintenance 2026', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiProperty({ enum: CONTRACT_TYPES, example: 'service' })
  @IsIn(CONTRACT_TYPES)
  type: (typeof CONTRACT_TYPES)[number];

  @ApiProperty({ type: CounterpartyInputDto })
  @ValidateNested() @Type(() => CounterpartyInputDto)
  counterparty: CounterpartyInputDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The employee who owns the contract internally.', example: EXAMPLE_ID })
  @IsOptional() @IsUUID('all')
  ownerEmployeeId?: string;

  @ApiPropertyOptional({ description: 'Total contract value, decimal string (needs `currency`).', example: '24000.00' })
  @IsOptional() @IsDecimalString({ precision: 18, scale: 2, min: '0' })
  value?: string;

  @ApiPropertyOptional({ description: 'ISO 4217.', example: 'EUR', pattern: '^[A-Z]{3}$', maxLength: 3 })
  @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' }) @MaxLength(3)
  currency?: string;

  @ApiPropertyOptional({ example: '30 days net', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  paymentTerms?: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ description: 'Last day of the (first) term. Give this or `termMonths`, or neither for an open-ended contract.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ description: 'Term in months; the end date is computed (Jan 1 + 12 → Dec 31).', minimum: 1, maximum: 1200, example: 12 })
  @IsOptional() @IsInt() @Min(1) @Max(1200)
  termMonths?: number;

  @ApiPropertyOptional({ example: 'German law', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  governingLaw?: string;

  @ApiPropertyOptional({ type: [String], items: { type: 'string', minLength: 1, maxLength: 50 }, maxItems: 20, example: ['it', 'priority'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: RENEWAL_TYPES, default: 'none', description: '`automatic`: renews tacitly unless terminated; `manual`: needs the renew action before the end date.', example: 'automatic' })
  @IsOptional() @IsIn(RENEWAL_TYPES)
  renewalType?: (typeof RENEWAL_TYPES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 120, example: 12 })
  @IsOptional() @IsInt() @Min(1) @Max(120)
  renewalTermMonths?: number;

  @ApiPropertyOptional({ type: NoticePeriodDto })
  @IsOptional() @ValidateNested() @Type(() => NoticePeriodDto)
  noticePeriod?: NoticePeriodDto;

  @ApiPropertyOptional({ description: 'Days before the notice deadline that `contracts.contract.notice_due` is sent.', minimum: 0, maximum: 365, default: 30, example: 30 })
  @IsOptional() @IsInt() @Min(0) @Max(365)
  noticeAlertDays?: number;

  @ApiPropertyOptional({ type: [SignerInputDto], maxItems: MAX_CONTRACT_SIGNERS })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CONTRACT_SIGNERS) @ValidateNested({ each: true }) @Type(() => SignerInputDto)
  signers?: SignerInputDto[];
}

/** Terms change only before approval; tags, owner and alert days at any time. Signers, when sent, replace all signers. */
export class UpdateContractDto extends PartialType(OmitType(CreateContractDto, ['type'] as const)) {}

export class AmendContractDto extends PartialType(OmitType(CreateContractDto, ['type', 'counterparty', 'signers', 'tags', 'ownerEmployeeId', 'noticeAlertDays'] as const)) {
  @ApiProperty({ description: 'When the amended terms apply.', example: '2026-07-01' })
  @IsCalendarDate()
  effectiveDate: string;

  @ApiProperty({ description: 'What the amendment changes.', example: 'Price raised by 5 %', minLength: 1, maxLength: 1000 })
  @IsString() @MinLength(1) @MaxLength(1000)
  summary: string;
}

export class SignContractDto {
  @ApiProperty({ format: 'uuid', description: 'One of the contract\'s signers.', example: EXAMPLE_ID })
  @IsUUID('all')
  signerId: string;
}

export class TerminateContractDto {
  @ApiProperty({ description: 'The last day the contract applies.', example: '2026-06-30' })
  @IsCalendarDate()
  terminationDate: string;

  @ApiProperty({ example: 'Mutual agreement', minLength: 1, maxLength: 1000 })
  @IsString() @MinLength(1) @MaxLength(1000)
  reason: string;
}

export class CounterpartyDto {
  @ApiProperty({ enum: COUNTERPARTY_KINDS, example: 'customer' }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) employeeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: EXAMPLE_ID }) customerId: string | null;
  @ApiProperty({ example: 'Globex Corporation Ltd', maxLength: 200 }) name: string;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 50 }) companyId: string | null;
  @ApiProperty({ type: PostalAddressDto, nullable: true }) address: PostalAddressDto | null;
}

export class NoticePeriodViewDto {
  @ApiProperty({ example: 3 }) value: number;
  @ApiProperty({ enum: NOTICE_UNITS, example: 'months' }) unit: string;
}

export class SignerDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id: string;
  @ApiProperty({ example: 'Jane Doe', maxLength: 200 }) name: string;
  @ApiProperty({ example: 'jane.doe@acme.example', maxLength: 254 }) email: string;
  @ApiProperty({ example: 'Managing director', maxLength: 100 }) role: string;
  @ApiProperty({ enum: PARTIES, example: 'internal' }) party: string;
  @ApiProperty({ example: true }) required: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When this signer signed the current version.', example: null }) signedAt: string | null;
}

export class ContractDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id: string;
  @ApiProperty({ example: 'CTR-2026-0001', maxLength: 28, pattern: '^CTR-\\d{4}-\\d{4,19}$' }) number: string;
  @ApiProperty({ example: 'Support and maintenance 2026', maxLength: 200 }) title: string;
  @ApiProperty({ enum: CONTRACT_TYPES, example: 'service' }) type: string;
  @ApiProperty({ enum: CONTRACT_STATUSES, example: 'draft' }) status: string;
  @ApiProperty({ type: [String], items: { type: 'string', enum: [...USER_ACTIONS] }, maxItems: USER_ACTIONS.length, description: 'Actions allowed from the current status.', example: ['edit', 'submit'] }) allowedActions: string[];
  @ApiProperty({ type: CounterpartyDto }) counterparty: CounterpartyDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) ownerEmployeeId: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 2, min: '0' }), nullable: true, example: '24000.00' }) value: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR', maxLength: 3, pattern: '^[A-Z]{3}$' }) currency: string | null;
  @ApiProperty({ type: String, nullable: true, example: '30 days net', maxLength: 200 }) paymentTerms: string | null;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-12-31' }) endDate: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) termMonths: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'German law', maxLength: 100 }) governingLaw: string | null;
  @ApiProperty({ type: [String], items: { type: 'string', maxLength: 50 }, maxItems: 20, example: ['it'] }) tags: string[];
  @ApiProperty({ enum: RENEWAL_TYPES, example: 'automatic' }) renewalType: string;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) renewalTermMonths: number | null;
  @ApiProperty({ type: NoticePeriodViewDto, nullable: true }) noticePeriod: NoticePeriodViewDto | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'End date minus the notice period: the last day to give notice.', example: '2026-09-30' }) noticeDeadline: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'First day of the next term when the contract renews.', example: '2027-01-01' }) nextRenewalDate: string | null;
  @ApiProperty({ example: 30 }) noticeAlertDays: number;
  @ApiProperty({ example: 1 }) currentVersionNo: number;
  @ApiProperty({ description: 'How many times the contract was renewed.', example: 0 }) renewalCount: number;
  @ApiProperty({ type: [SignerDto], maxItems: 20 }) signers: SignerDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) fullySignedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) activatedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) terminationDate: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 1000 }) terminationReason: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ContractSummaryDto extends OmitType(ContractDto, ['signers', 'allowedActions', 'paymentTerms', 'governingLaw', 'terminationReason'] as const) {}

export class ContractPageDto extends pageOf(ContractSummaryDto, 'ContractPage') {}

const SORTS = ['createdAt', '-createdAt', 'startDate', '-startDate', 'number', '-number'];

export class ListContractsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES, example: 'active' })
  @IsOptional() @IsIn(CONTRACT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES, example: 'service' })
  @IsOptional() @IsIn(CONTRACT_TYPES)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Contracts with this employee as counterparty.', example: EXAMPLE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Contracts with this invoicing customer.', example: EXAMPLE_ID })
  @IsOptional() @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE_ID })
  @IsOptional() @IsUUID('all')
  ownerEmployeeId?: string;

  @ApiPropertyOptional({ description: 'Contracts carrying this tag.', example: 'it', maxLength: 50 })
  @IsOptional() @IsString() @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Contracts ending on or before this date.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  endsBefore?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Contracts whose notice deadline is on or before this date.', example: '2026-09-30' })
  @IsOptional() @IsCalendarDate()
  noticeBefore?: string;

  @ApiPropertyOptional({ enum: SORTS, default: '-createdAt' })
  @IsOptional() @IsIn(SORTS)
  sort?: string;
}

export class ContractVersionDto {
  @ApiProperty({ example: 2 }) versionNo: number;
  @ApiProperty({ enum: ['original', 'amendment'], example: 'amendment' }) kind: string;
  @ApiProperty({ format: 'date', example: '2026-07-01' }) effectiveDate: string;
  @ApiProperty({ type: String, nullable: true, example: 'Price raised by 5 %', maxLength: 1000 }) summary: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The terms as of this version (title, counterparty, value, dates, renewal, notice).' }) terms: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 64, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the version\'s document.' }) documentSha256: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'contract.pdf', maxLength: 255 }) documentFileName: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical terms plus the document checksum: what a signature covers.', maxLength: 64, pattern: '^[0-9a-f]{64}$', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ description: 'Signed or superseded versions never change.', example: false }) locked: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ContractVersionListDto {
  @ApiProperty({ type: [ContractVersionDto], maxItems: MAX_CONTRACT_VERSIONS, description: `Oldest first; a contract holds at most ${MAX_CONTRACT_VERSIONS} versions.` }) data: ContractVersionDto[];
}

export class SignatureDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id: string;
  @ApiProperty({ example: 1 }) versionNo: number;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) signerId: string;
  @ApiProperty({ example: 'Jane Doe', maxLength: 200 }) name: string;
  @ApiProperty({ example: 'jane.doe@acme.example', maxLength: 254 }) email: string;
  @ApiProperty({ example: 'Managing director', maxLength: 100 }) role: string;
  @ApiProperty({ enum: PARTIES, example: 'internal' }) party: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) signedAt: string;
  @ApiProperty({ description: 'SHA-256 of the exact version signed.', maxLength: 64, pattern: '^[0-9a-f]{64}$', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) versionSha256: string;
}

export class SignatureListDto {
  @ApiProperty({ type: [SignatureDto], maxItems: MAX_CONTRACT_SIGNERS * MAX_CONTRACT_VERSIONS, description: `At most one per signer (${MAX_CONTRACT_SIGNERS}) and version (${MAX_CONTRACT_VERSIONS}).` }) data: SignatureDto[];
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id: string;
  @ApiProperty({ example: 1 }) versionNo: number;
  @ApiProperty({ example: 'contract.pdf', maxLength: 255 }) fileName: string;
  @ApiProperty({ example: 'application/pdf', maxLength: 100 }) contentType: string;
  @ApiProperty({ example: 48213 }) sizeBytes: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', maxLength: 64, pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class RenewalDto {
  @ApiProperty({ description: 'Term number; the original term is 1.', example: 2 }) termNo: number;
  @ApiProperty({ enum: ['automatic', 'manual'], example: 'automatic' }) kind: string;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) startDate: string;
  @ApiProperty({ format: 'date', example: '2027-12-31' }) endDate: string;
  @ApiProperty({ format: 'date-time', example: '2027-01-01T02:00:00.000Z' }) renewedAt: string;
}

export class RenewalPageDto extends pageOf(RenewalDto, 'ContractRenewalPage') {}
