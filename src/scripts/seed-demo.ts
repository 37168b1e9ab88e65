/**
 * `npm run seed:demo`: fills a small, realistic demo company (8 departments, 18 positions,
 * 50 employees, a work calendar per office, leave types with this year's grants, a few leave
 * requests, onboarding and offboarding templates) through the HR services, so every row gets its audit event and outbox event
 * exactly as an API call would. All or nothing (one transaction), idempotent (does nothing
 * when the department `EXEC` exists) and deterministic: no randomness; the values that look
 * random (account numbers, phone numbers, national ids) are derived from a hash of the
 * person's work email. Dates are fixed offsets from the current year (company time zone), so
 * reruns in the same year give the same company and the data never looks stale.
 */
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationPipe } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { createApp } from '../app.factory';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { BillingService } from '../modules/contracts/billing/billing.service';
import { CreateBillingScheduleDto } from '../modules/contracts/billing/billing.dto';
import { addMonthsKeepingMonthEnd, plusDays } from '../modules/contracts/contracts/contract-dates';
import { ContractsService } from '../modules/contracts/contracts/contracts.service';
import { AmendContractDto, CreateContractDto } from '../modules/contracts/contracts/dto/contract.dto';
import { CreateObligationDto } from '../modules/contracts/obligations/obligation.dto';
import { ObligationsService } from '../modules/contracts/obligations/obligations.service';
import { CalendarsService } from '../modules/hr/calendars/calendars.service';
import { CreateCalendarDto } from '../modules/hr/calendars/dto/calendar.dto';
import { CreateDepartmentDto, UpdateDepartmentDto } from '../modules/hr/departments/dto/department.dto';
import { DepartmentsService } from '../modules/hr/departments/departments.service';
import { CreateEmployeeDto, TerminateEmployeeDto, UpdateEmployeeDto } from '../modules/hr/employees/dto/employee.dto';
import type { EmploymentType } from '../modules/hr/employees/employee.entity';
import { EmployeesService } from '../modules/hr/employees/employees.service';
import { CreateChecklistTemplateDto } from '../modules/hr/journeys/dto/journey.dto';
import { JourneysService } from '../modules/hr/journeys/journeys.service';
import { CreateLeaveRequestDto, CreateLeaveTypeDto, LeaveDecisionDto } from '../modules/hr/leave/dto/leave.dto';
import { LeaveLedgerService } from '../modules/hr/leave/leave-ledger.service';
import { LeaveRequestsService } from '../modules/hr/leave/leave-requests.service';
import { LeaveTypesService } from '../modules/hr/leave/leave-types.service';
import { CreatePositionDto } from '../modules/hr/positions/dto/position.dto';
import { PositionsService } from '../modules/hr/positions/positions.service';
import { CreateItemDto } from '../modules/inventory/items/dto/item.dto';
import { CustomersService } from '../modules/invoicing/customers/customers.service';
import { CreateCustomerDto } from '../modules/invoicing/customers/dto/customer.dto';
import { CreateCreditNoteDto } from '../modules/invoicing/credit-notes/dto/credit-note.dto';
import { CreditNotesService } from '../modules/invoicing/credit-notes/credit-notes.service';
import { CreateInvoiceDto } from '../modules/invoicing/invoices/dto/invoice.dto';
import { InvoicesService } from '../modules/invoicing/invoices/invoices.service';
import { CreateProductDto } from '../modules/invoicing/products/dto/product.dto';
import { CreatePaymentDto } from '../modules/invoicing/payments/dto/payment.dto';
import { PaymentsService } from '../modules/invoicing/payments/payments.service';
import { ProductsService } from '../modules/invoicing/products/products.service';
import { CreateSellerProfileDto } from '../modules/invoicing/seller-profile/dto/seller-profile.dto';
import { SellerProfileService } from '../modules/invoicing/seller-profile/seller-profile.service';
import { CreateSeriesDto } from '../modules/invoicing/series/dto/series.dto';
import { SeriesService } from '../modules/invoicing/series/series.service';
import { CreateTaxCategoryDto } from '../modules/invoicing/tax-categories/dto/tax-category.dto';
import { TaxCategoriesService } from '../modules/invoicing/tax-categories/tax-categories.service';
import { ItemsService } from '../modules/inventory/items/items.service';
import { AssetsService } from '../modules/it-tickets/assets/assets.service';
import { CreateAssetDto } from '../modules/it-tickets/assets/dto/asset.dto';
import { DeskService } from '../modules/it-tickets/desk/desk.service';
import { CreateAgentDto } from '../modules/it-tickets/desk/dto/desk.dto';
import { CreateBusinessCalendarDto, CreateSlaPolicyDto } from '../modules/it-tickets/sla/dto/sla-config.dto';
import { SlaConfigService } from '../modules/it-tickets/sla/sla-config.service';
import { CreateCommentDto, CreateTicketDto } from '../modules/it-tickets/tickets/dto/ticket.dto';
import { TicketsService } from '../modules/it-tickets/tickets/tickets.service';
import { CreatePurchaseOrderDto, ReceivePurchaseOrderDto } from '../modules/inventory/purchase-orders/dto/purchase-order.dto';
import { PurchaseOrdersService } from '../modules/inventory/purchase-orders/purchase-orders.service';
import { CreateReservationDto } from '../modules/inventory/reservations/dto/reservation.dto';
import { ReservationsService } from '../modules/inventory/reservations/reservations.service';
import { CreateStockMoveDto } from '../modules/inventory/stock/dto/stock.dto';
import { StockLedgerService } from '../modules/inventory/stock/stock-ledger.service';
import { CreateSupplierDto } from '../modules/inventory/suppliers/dto/supplier.dto';
import { SuppliersService } from '../modules/inventory/suppliers/suppliers.service';
import { CreateLocationDto, CreateWarehouseDto } from '../modules/inventory/warehouses/dto/warehouse.dto';
import { WarehousesService } from '../modules/inventory/warehouses/warehouses.service';
import { CreateCompensationDto } from '../modules/payroll/compensation/dto/compensation.dto';
import { CompensationService } from '../modules/payroll/compensation/compensation.service';
import { CreateComponentAssignmentDto, CreatePayComponentDto } from '../modules/payroll/pay-components/dto/pay-component.dto';
import { PayComponentsService } from '../modules/payroll/pay-components/pay-components.service';
import { CreatePayRunDto, PayRunInputDto } from '../modules/payroll/pay-runs/dto/pay-run.dto';
import { PayRunsService } from '../modules/payroll/pay-runs/pay-runs.service';
import { CreatePayScheduleDto } from '../modules/payroll/pay-schedules/dto/pay-schedule.dto';
import { AssignScheduleDto } from '../modules/payroll/pay-schedules/dto/schedule-assignment.dto';
import { PaySchedulesService } from '../modules/payroll/pay-schedules/pay-schedules.service';
import { ScheduleAssignmentsService } from '../modules/payroll/pay-schedules/schedule-assignments.service';
import { AssignRuleSetDto } from '../modules/payroll/rule-sets/dto/rule-set-assignment.dto';
import { CreateRuleSetDto } from '../modules/payroll/rule-sets/dto/rule-set.dto';
import { RuleSetAssignmentsService } from '../modules/payroll/rule-sets/rule-set-assignments.service';
import { RuleSetsService } from '../modules/payroll/rule-sets/rule-sets.service';
import { hashKey } from '../platform/auth/api-key.service';
import { RequestContext, RequestContextStore } from '../platform/context/request-context';
import { resolveDatabase } from '../platform/database/database-url';
import { runMigrations } from '../platform/database/migrator';
import { TransactionalConnection } from '../platform/database/transactional-connection';
import { ProblemException } from '../platform/http/problem';
import { UploadedFile } from '../platform/http/upload';
import { createValidationPipe } from '../platform/http/validation';
import { createRootLogger } from '../platform/logging/logger';
import { CreateWebhookSubscriptionDto } from '../modules/integrations/webhooks/dto/webhook.dto';
import { WebhookSubscriptionsService } from '../modules/integrations/webhooks/subscriptions.service';
import { todayIn } from '../platform/time/calendar';
import { Readable } from 'node:stream';
import { ImportsService } from '../modules/integrations/imports/imports.service';

const REQUEST_ID = 'seed-demo';
const MARKER_DEPARTMENT = 'EXEC';
/** Serialises two seeds started together: the second waits, then finds the company. */
const SEED_LOCK = 7_349_001;
const EMAIL_DOMAIN = 'acme.example';

// ---------------------------------------------------------------------------------------------
// The company
// ---------------------------------------------------------------------------------------------

type Country = 'NL' | 'DE' | 'GB' | 'FR' | 'ES' | 'US';

interface DepartmentSeed {
  code: string;
  name: string;
  costCenter: string;
  parent?: string;
  /** Key of the employee heading it (set once the people are hired). */
  head: string;
}

const DEPARTMENTS: DepartmentSeed[] = [
  { code: 'EXEC', name: 'Executive', costCenter: 'CC-1000', head: 'ceo' },
  { code: 'ENG', name: 'Engineering', costCenter: 'CC-2000', parent: 'EXEC', head: 'cto' },
  { code: 'ENG-PLAT', name: 'Platform Engineering', costCenter: 'CC-2100', parent: 'ENG', head: 'em-platform' },
  { code: 'ENG-PROD', name: 'Product Engineering', costCenter: 'CC-2200', parent: 'ENG', head: 'em-product' },
  { code: 'FIN', name: 'Finance', costCenter: 'CC-3000', parent: 'EXEC', head: 'cfo' },
  { code: 'PEOPLE', name: 'People & HR', costCenter: 'CC-4000', parent: 'EXEC', head: 'head-people' },
  { code: 'SALES', name: 'Sales', costCenter: 'CC-5000', parent: 'EXEC', head: 'vp-sales' },
  { code: 'IT', name: 'IT', costCenter: 'CC-6000', parent: 'EXEC', head: 'head-it' },
];

interface PositionSeed {
  key: string;
  title: string;
  department: string;
  grade: string;
  headcountBudget: number;
  /** Yearly full-time salary in EUR for the Netherlands/Germany; other countries are scaled. */
  salary: number;
}

const POSITIONS: PositionSeed[] = [
  { key: 'ceo', title: 'Chief Executive Officer', department: 'EXEC', grade: 'E1', headcountBudget: 1, salary: 185_000 },
  { key: 'ea', title: 'Executive Assistant', department: 'EXEC', grade: 'S3', headcountBudget: 1, salary: 54_000 },
  { key: 'cto', title: 'Chief Technology Officer', department: 'ENG', grade: 'E1', headcountBudget: 1, salary: 168_000 },
  // An employee's position belongs to the employee's department: one manager position per team.
  { key: 'em-platform', title: 'Engineering Manager, Platform', department: 'ENG-PLAT', grade: 'M2', headcountBudget: 1, salary: 122_000 },
  { key: 'em-product', title: 'Engineering Manager, Product', department: 'ENG-PROD', grade: 'M2', headcountBudget: 1, salary: 122_000 },
  { key: 'platform-eng', title: 'Platform Engineer', department: 'ENG-PLAT', grade: 'L4', headcountBudget: 7, salary: 84_000 },
  { key: 'senior-swe', title: 'Senior Software Engineer', department: 'ENG-PROD', grade: 'L5', headcountBudget: 3, salary: 92_000 },
  { key: 'swe', title: 'Software Engineer', department: 'ENG-PROD', grade: 'L3', headcountBudget: 8, salary: 68_000 },
  { key: 'intern', title: 'Software Engineering Intern', department: 'ENG-PROD', grade: 'I1', headcountBudget: 2, salary: 26_400 },
  { key: 'cfo', title: 'Chief Financial Officer', department: 'FIN', grade: 'E1', headcountBudget: 1, salary: 155_000 },
  { key: 'accountant', title: 'Accountant', department: 'FIN', grade: 'L3', headcountBudget: 5, salary: 58_000 },
  { key: 'head-people', title: 'Head of People', department: 'PEOPLE', grade: 'M3', headcountBudget: 1, salary: 112_000 },
  { key: 'people-partner', title: 'People Partner', department: 'PEOPLE', grade: 'L4', headcountBudget: 4, salary: 64_000 },
  { key: 'vp-sales', title: 'VP of Sales', department: 'SALES', grade: 'E2', headcountBudget: 1, salary: 145_000 },
  { key: 'sales-lead', title: 'Sales Team Lead', department: 'SALES', grade: 'M1', headcountBudget: 1, salary: 96_000 },
  { key: 'ae', title: 'Account Executive', department: 'SALES', grade: 'L4', headcountBudget: 10, salary: 62_000 },
  { key: 'head-it', title: 'Head of IT', department: 'IT', grade: 'M3', headcountBudget: 1, salary: 106_000 },
  { key: 'it-support', title: 'IT Support Specialist', department: 'IT', grade: 'L3', headcountBudget: 4, salary: 48_000 },
];

const COUNTRIES: Record<Country, { currency: string; salaryFactor: number; office: string; timeZone: string; region: string | null }> = {
  NL: { currency: 'EUR', salaryFactor: 1.0, office: 'Amsterdam HQ', timeZone: 'Europe/Amsterdam', region: null },
  DE: { currency: 'EUR', salaryFactor: 1.0, office: 'Berlin Office', timeZone: 'Europe/Berlin', region: 'BE' },
  FR: { currency: 'EUR', salaryFactor: 0.95, office: 'Paris Office', timeZone: 'Europe/Paris', region: null },
  ES: { currency: 'EUR', salaryFactor: 0.78, office: 'Madrid Office', timeZone: 'Europe/Madrid', region: 'MD' },
  GB: { currency: 'GBP', salaryFactor: 0.88, office: 'London Office', timeZone: 'Europe/London', region: 'ENG' },
  US: { currency: 'USD', salaryFactor: 1.35, office: 'New York Office', timeZone: 'America/New_York', region: 'NY' },
};

/** [years before the current year, month, day] */
type YearOffsetDate = [number, number, number];

interface EmployeeSeed {
  key: string;
  firstName: string;
  lastName: string;
  /** Only used for the French social security number (its first digit). */
  sex: 'f' | 'm';
  country: Country;
  department: string;
  position: string;
  manager?: string;
  type: EmploymentType;
  hired: YearOffsetDate;
  /** [age this year, month, day] */
  born: YearOffsetDate;
  location?: string;
  leave?: true;
  /** Termination in the previous year: [month, day, reason]. */
  terminated?: [number, number, string];
}

// Managers come before their reports (hire order). Department heads report to the CEO, the
// heads of sub-departments to the head of the parent; everyone else to a head or a team lead.
const EMPLOYEES: EmployeeSeed[] = [
  // Executive
  { key: 'ceo', firstName: 'Sanne', lastName: 'van den Berg', sex: 'f', country: 'NL', department: 'EXEC', position: 'ceo', type: 'full_time', hired: [8, 10, 1], born: [47, 3, 14] },
  { key: 'ea', firstName: 'Joost', lastName: 'Hendriks', sex: 'm', country: 'NL', department: 'EXEC', position: 'ea', manager: 'ceo', type: 'full_time', hired: [5, 2, 1], born: [34, 7, 22] },
  // Heads of the top-level departments
  { key: 'cto', firstName: 'Lukas', lastName: 'Schneider', sex: 'm', country: 'DE', department: 'ENG', position: 'cto', manager: 'ceo', type: 'full_time', hired: [8, 11, 15], born: [44, 1, 9] },
  { key: 'cfo', firstName: 'Claire', lastName: 'Dubois', sex: 'f', country: 'FR', department: 'FIN', position: 'cfo', manager: 'ceo', type: 'full_time', hired: [7, 2, 1], born: [49, 11, 30] },
  { key: 'head-people', firstName: 'Amara', lastName: 'Okafor', sex: 'f', country: 'GB', department: 'PEOPLE', position: 'head-people', manager: 'ceo', type: 'full_time', hired: [6, 5, 2], born: [41, 6, 18] },
  { key: 'vp-sales', firstName: 'Daniel', lastName: 'Brooks', sex: 'm', country: 'US', department: 'SALES', position: 'vp-sales', manager: 'ceo', type: 'full_time', hired: [6, 9, 12], born: [45, 4, 3] },
  { key: 'head-it', firstName: 'Pieter', lastName: 'Jansen', sex: 'm', country: 'NL', department: 'IT', position: 'head-it', manager: 'ceo', type: 'full_time', hired: [7, 6, 3], born: [52, 9, 27] },
  // Engineering managers (heads of Platform and Product Engineering)
  { key: 'em-platform', firstName: 'Mehmet', lastName: 'Yılmaz', sex: 'm', country: 'DE', department: 'ENG-PLAT', position: 'em-platform', manager: 'cto', type: 'full_time', hired: [7, 4, 1], born: [39, 2, 11] },
  { key: 'em-product', firstName: 'Sofía', lastName: 'Martínez', sex: 'f', country: 'ES', department: 'ENG-PROD', position: 'em-product', manager: 'cto', type: 'full_time', hired: [6, 1, 15], born: [37, 12, 5] },
  // Platform Engineering
  { key: 'jonas-weber', firstName: 'Jonas', lastName: 'Weber', sex: 'm', country: 'DE', department: 'ENG-PLAT', position: 'platform-eng', manager: 'em-platform', type: 'full_time', hired: [7, 8, 1], born: [33, 5, 19] },
  { key: 'katarzyna-nowak', firstName: 'Katarzyna', lastName: 'Nowak', sex: 'f', country: 'DE', department: 'ENG-PLAT', position: 'platform-eng', manager: 'em-platform', type: 'full_time', hired: [5, 2, 15], born: [31, 10, 2] },
  { key: 'ewan-campbell', firstName: 'Ewan', lastName: 'Campbell', sex: 'm', country: 'GB', department: 'ENG-PLAT', position: 'platform-eng', manager: 'em-platform', type: 'contractor', hired: [2, 3, 1], born: [42, 8, 8], location: 'Remote (Edinburgh)' },
  { key: 'lena-fischer', firstName: 'Lena', lastName: 'Fischer', sex: 'f', country: 'DE', department: 'ENG-PLAT', position: 'platform-eng', manager: 'em-platform', type: 'full_time', hired: [4, 9, 1], born: [29, 3, 25], leave: true },
  { key: 'ravi-ramdin', firstName: 'Ravi', lastName: 'Ramdin', sex: 'm', country: 'NL', department: 'ENG-PLAT', position: 'platform-eng', manager: 'em-platform', type: 'full_time', hired: [3, 5, 1], born: [30, 7, 7] },
  { key: 'tomas-castro', firstName: 'Tomás', lastName: 'Castro', sex: 'm', country: 'ES', department: 'ENG-PLAT', position: 'platform-eng', manager: 'em-platform', type: 'full_time', hired: [1, 10, 1], born: [27, 1, 30] },
  // Product Engineering (Javier Ruiz leads a team inside it)
  { key: 'tech-lead', firstName: 'Javier', lastName: 'Ruiz', sex: 'm', country: 'ES', department: 'ENG-PROD', position: 'senior-swe', manager: 'em-product', type: 'full_time', hired: [6, 6, 1], born: [36, 4, 16] },
  { key: 'ines-benali', firstName: 'Inès', lastName: 'Benali', sex: 'f', country: 'FR', department: 'ENG-PROD', position: 'senior-swe', manager: 'em-product', type: 'full_time', hired: [5, 11, 2], born: [32, 9, 13] },
  { key: 'aisha-rahman', firstName: 'Aisha', lastName: 'Rahman', sex: 'f', country: 'GB', department: 'ENG-PROD', position: 'senior-swe', manager: 'em-product', type: 'full_time', hired: [4, 1, 10], born: [35, 12, 21] },
  { key: 'lucia-fernandez', firstName: 'Lucía', lastName: 'Fernández', sex: 'f', country: 'ES', department: 'ENG-PROD', position: 'swe', manager: 'tech-lead', type: 'full_time', hired: [3, 3, 1], born: [28, 6, 6] },
  { key: 'noah-muller', firstName: 'Noah', lastName: 'Müller', sex: 'm', country: 'DE', department: 'ENG-PROD', position: 'swe', manager: 'tech-lead', type: 'part_time', hired: [3, 7, 15], born: [30, 2, 2] },
  { key: 'kwame-asante', firstName: 'Kwame', lastName: 'Asante', sex: 'm', country: 'GB', department: 'ENG-PROD', position: 'swe', manager: 'em-product', type: 'full_time', hired: [2, 2, 1], born: [26, 11, 11] },
  { key: 'mathilde-rousseau', firstName: 'Mathilde', lastName: 'Rousseau', sex: 'f', country: 'FR', department: 'ENG-PROD', position: 'swe', manager: 'em-product', type: 'full_time', hired: [2, 9, 1], born: [27, 8, 29] },
  { key: 'bram-de-jong', firstName: 'Bram', lastName: 'de Jong', sex: 'm', country: 'NL', department: 'ENG-PROD', position: 'swe', manager: 'tech-lead', type: 'full_time', hired: [4, 4, 1], born: [31, 3, 3], terminated: [6, 30, 'Resigned to join a start-up.'] },
  { key: 'alejandro-gomez', firstName: 'Alejandro', lastName: 'Gómez', sex: 'm', country: 'ES', department: 'ENG-PROD', position: 'swe', manager: 'tech-lead', type: 'full_time', hired: [1, 4, 1], born: [25, 10, 10] },
  { key: 'yuki-tanaka', firstName: 'Yuki', lastName: 'Tanaka', sex: 'f', country: 'NL', department: 'ENG-PROD', position: 'swe', manager: 'em-product', type: 'full_time', hired: [1, 2, 1], born: [29, 5, 5] },
  { key: 'theo-garnier', firstName: 'Théo', lastName: 'Garnier', sex: 'm', country: 'FR', department: 'ENG-PROD', position: 'intern', manager: 'tech-lead', type: 'intern', hired: [1, 9, 1], born: [22, 1, 17] },
  { key: 'pablo-ortega', firstName: 'Pablo', lastName: 'Ortega', sex: 'm', country: 'ES', department: 'ENG-PROD', position: 'intern', manager: 'tech-lead', type: 'intern', hired: [1, 10, 1], born: [21, 6, 24] },
  // Finance
  { key: 'julien-moreau', firstName: 'Julien', lastName: 'Moreau', sex: 'm', country: 'FR', department: 'FIN', position: 'accountant', manager: 'cfo', type: 'full_time', hired: [6, 3, 1], born: [40, 2, 20] },
  { key: 'daan-visser', firstName: 'Daan', lastName: 'Visser', sex: 'm', country: 'NL', department: 'FIN', position: 'accountant', manager: 'cfo', type: 'full_time', hired: [5, 9, 1], born: [35, 9, 9] },
  { key: 'greta-hoffmann', firstName: 'Greta', lastName: 'Hoffmann', sex: 'f', country: 'DE', department: 'FIN', position: 'accountant', manager: 'cfo', type: 'part_time', hired: [4, 2, 1], born: [51, 12, 1] },
  { key: 'siobhan-murphy', firstName: 'Siobhan', lastName: 'Murphy', sex: 'f', country: 'GB', department: 'FIN', position: 'accountant', manager: 'cfo', type: 'contractor', hired: [1, 6, 1], born: [38, 7, 14], location: 'Remote (Manchester)' },
  { key: 'elena-petrova', firstName: 'Elena', lastName: 'Petrova', sex: 'f', country: 'NL', department: 'FIN', position: 'accountant', manager: 'cfo', type: 'full_time', hired: [2, 11, 1], born: [33, 4, 28], leave: true },
  // People & HR
  { key: 'priya-sharma', firstName: 'Priya', lastName: 'Sharma', sex: 'f', country: 'GB', department: 'PEOPLE', position: 'people-partner', manager: 'head-people', type: 'full_time', hired: [5, 7, 1], born: [34, 1, 27] },
  { key: 'noor-bakker', firstName: 'Noor', lastName: 'Bakker', sex: 'f', country: 'NL', department: 'PEOPLE', position: 'people-partner', manager: 'head-people', type: 'part_time', hired: [4, 3, 1], born: [39, 8, 15] },
  { key: 'elodie-lefevre', firstName: 'Élodie', lastName: 'Lefèvre', sex: 'f', country: 'FR', department: 'PEOPLE', position: 'people-partner', manager: 'head-people', type: 'full_time', hired: [3, 1, 15], born: [30, 5, 30] },
  { key: 'hannah-klein', firstName: 'Hannah', lastName: 'Klein', sex: 'f', country: 'DE', department: 'PEOPLE', position: 'people-partner', manager: 'head-people', type: 'full_time', hired: [1, 5, 1], born: [27, 9, 19] },
  // Sales: Europe reports to the team lead in London, the US to the VP
  { key: 'sales-lead', firstName: 'Oliver', lastName: 'Bennett', sex: 'm', country: 'GB', department: 'SALES', position: 'sales-lead', manager: 'vp-sales', type: 'full_time', hired: [5, 4, 1], born: [38, 10, 31] },
  { key: 'hannah-clarke', firstName: 'Hannah', lastName: 'Clarke', sex: 'f', country: 'GB', department: 'SALES', position: 'ae', manager: 'sales-lead', type: 'full_time', hired: [4, 6, 1], born: [31, 2, 14] },
  { key: 'camille-laurent', firstName: 'Camille', lastName: 'Laurent', sex: 'f', country: 'FR', department: 'SALES', position: 'ae', manager: 'sales-lead', type: 'full_time', hired: [3, 9, 1], born: [29, 7, 2] },
  { key: 'carmen-navarro', firstName: 'Carmen', lastName: 'Navarro', sex: 'f', country: 'ES', department: 'SALES', position: 'ae', manager: 'sales-lead', type: 'full_time', hired: [3, 2, 1], born: [34, 3, 8], leave: true },
  { key: 'maximilian-wolf', firstName: 'Maximilian', lastName: 'Wolf', sex: 'm', country: 'DE', department: 'SALES', position: 'ae', manager: 'sales-lead', type: 'full_time', hired: [2, 1, 10], born: [32, 11, 23] },
  { key: 'sophie-meijer', firstName: 'Sophie', lastName: 'Meijer', sex: 'f', country: 'NL', department: 'SALES', position: 'ae', manager: 'sales-lead', type: 'part_time', hired: [2, 4, 1], born: [36, 6, 12] },
  { key: 'samuel-adeyemi', firstName: 'Samuel', lastName: 'Adeyemi', sex: 'm', country: 'GB', department: 'SALES', position: 'ae', manager: 'sales-lead', type: 'full_time', hired: [1, 3, 1], born: [26, 1, 5] },
  { key: 'maya-patel', firstName: 'Maya', lastName: 'Patel', sex: 'f', country: 'US', department: 'SALES', position: 'ae', manager: 'vp-sales', type: 'full_time', hired: [4, 10, 1], born: [30, 12, 9] },
  { key: 'marcus-johnson', firstName: 'Marcus', lastName: 'Johnson', sex: 'm', country: 'US', department: 'SALES', position: 'ae', manager: 'vp-sales', type: 'full_time', hired: [3, 6, 15], born: [33, 5, 27] },
  { key: 'emily-chen', firstName: 'Emily', lastName: 'Chen', sex: 'f', country: 'US', department: 'SALES', position: 'ae', manager: 'vp-sales', type: 'full_time', hired: [2, 8, 1], born: [28, 8, 3] },
  { key: 'jordan-rivera', firstName: 'Jordan', lastName: 'Rivera', sex: 'm', country: 'US', department: 'SALES', position: 'ae', manager: 'vp-sales', type: 'full_time', hired: [3, 1, 15], born: [27, 4, 22], terminated: [9, 30, 'Resigned; moved to a customer success role elsewhere.'] },
  // IT
  { key: 'fatima-el-amrani', firstName: 'Fatima', lastName: 'El Amrani', sex: 'f', country: 'NL', department: 'IT', position: 'it-support', manager: 'head-it', type: 'full_time', hired: [4, 8, 1], born: [32, 10, 18] },
  { key: 'stefan-becker', firstName: 'Stefan', lastName: 'Becker', sex: 'm', country: 'DE', department: 'IT', position: 'it-support', manager: 'head-it', type: 'full_time', hired: [2, 6, 1], born: [44, 5, 13] },
  { key: 'grace-kim', firstName: 'Grace', lastName: 'Kim', sex: 'f', country: 'US', department: 'IT', position: 'it-support', manager: 'head-it', type: 'contractor', hired: [1, 2, 15], born: [35, 2, 25], location: 'Remote (Boston)' },
];

// ---------------------------------------------------------------------------------------------
// Deterministic "random-looking" values
// ---------------------------------------------------------------------------------------------

/** `n` decimal digits derived from a seed string (same seed, same digits). */
function digits(seed: string, n: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return (BigInt(`0x${hex}`) % 10n ** BigInt(n)).toString().padStart(n, '0');
}

/** A number in [0, n) derived from a seed string. */
const pick = (seed: string, n: number) => Number(digits(seed, 6)) % n;

const pad2 = (n: number) => String(n).padStart(2, '0');

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd' };

/** "Élodie", "van den Berg", "Yılmaz", "Müller" -> "elodie", "vandenberg", "yilmaz", "mueller". */
function emailPart(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüßıøæœłđ]/g, (c) => FOLD[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9-]/g, '');
}

/** ISO 13616 check digits for a BBAN. */
function iban(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(numeric) % 97n);
  const result = `${country}${String(check).padStart(2, '0')}${bban}`;
  const verify = `${result.slice(4)}${result.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  if (BigInt(verify) % 97n !== 1n) throw new Error(`IBAN checksum self-test failed for ${result}`);
  return result;
}

/** French RIB key over bank, branch and (numeric) account number. */
function ribKey(bank: string, branch: string, account: string): string {
  const rest = (89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(account)) % 97n;
  return String(97n - rest).padStart(2, '0');
}

/** Spanish "dígitos de control" (CCC): one over 00+bank+branch, one over the account. */
function spanishControlDigits(bank: string, branch: string, account: string): string {
  const weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const dc = (ten: string) => {
    const r = 11 - ([...ten].reduce((sum, d, i) => sum + Number(d) * weights[i], 0) % 11);
    return r === 11 ? 0 : r === 10 ? 1 : r;
  };
  return `${dc(`00${bank}${branch}`)}${dc(account)}`;
}

function bankAccount(e: EmployeeSeed, seed: string): string | null {
  const n = (k: number) => digits(`${seed}:account`, k);
  const choose = <T>(list: T[]) => list[pick(`${seed}:bank`, list.length)];
  switch (e.country) {
    case 'NL':
      return iban('NL', `${choose(['ABNA', 'INGB', 'RABO', 'TRIO', 'BUNQ'])}${n(10)}`);
    case 'DE':
      return iban('DE', `${choose(['37040044', '50010517', '10010010', '12030000', '70150000'])}${n(10)}`);
    case 'GB': {
      const [bank, sort] = choose([['NWBK', '601613'], ['BARC', '203253'], ['LOYD', '309634'], ['HBUK', '400515']]);
      return iban('GB', `${bank}${sort}${n(8)}`);
    }
    case 'FR': {
      const [bank, branch] = choose([['30004', '00828'], ['30003', '03620'], ['20041', '01005'], ['30002', '00550']]);
      const account = n(11);
      return iban('FR', `${bank}${branch}${account}${ribKey(bank, branch, account)}`);
    }
    case 'ES': {
      const [bank, branch] = choose([['2100', '0418'], ['0049', '1500'], ['0182', '2370'], ['0081', '0216']]);
      const account = n(10);
      return iban('ES', `${bank}${branch}${spanishControlDigits(bank, branch, account)}${account}`);
    }
    case 'US':
      return null; // US payroll pays to an ABA routing/account number; there is no IBAN
  }
}

/** Dutch BSN: nine digits passing the "elfproef". */
function bsn(seed: string): string {
  for (let attempt = 0; ; attempt++) {
    const d = `${1 + pick(`${seed}:bsn:${attempt}:first`, 9)}${digits(`${seed}:bsn:${attempt}`, 7)}`;
    const sum = [...d].reduce((s, c, i) => s + Number(c) * (9 - i), 0);
    const last = sum % 11;
    if (last < 10) return `${d}${last}`;
  }
}

/** German tax id (Steuer-ID): 11 digits, one digit doubled in the first ten, ISO 7064 MOD 11,10 check digit. */
function steuerId(seed: string): string {
  // Shuffle 0-9 (Fisher-Yates, driven by the seed), then let one digit appear twice.
  const ten = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  for (let i = ten.length - 1; i > 0; i--) {
    const j = pick(`${seed}:stid:${i}`, i + 1);
    [ten[i], ten[j]] = [ten[j], ten[i]];
  }
  if (ten[0] === 0) [ten[0], ten[9]] = [ten[9], ten[0]];
  const from = 1 + pick(`${seed}:stid:from`, 4); // positions 1..4
  ten[from + 4] = ten[from]; // doubled, not next to itself; one digit is now missing
  let product = 10;
  for (const d of ten) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return `${ten.join('')}${check}`;
}

/** French NIR (numéro de sécurité sociale) with its 2-digit key, born in Paris, Lyon or Marseille. */
function nir(e: EmployeeSeed, birthDate: string, seed: string): string {
  const [dept, commune] = [['75', `1${pad2(1 + pick(`${seed}:nir:arr`, 20))}`], ['69', '123'], ['13', '055']][pick(`${seed}:nir:city`, 3)];
  const base = `${e.sex === 'm' ? 1 : 2}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${dept}${commune}${digits(`${seed}:nir`, 3).replace(/^000$/, '001')}`;
  const key = 97n - (BigInt(base) % 97n);
  return `${base}${String(key).padStart(2, '0')}`;
}

/** Spanish DNI: eight digits and the mod-23 letter. */
function dni(seed: string): string {
  const n = `${1 + pick(`${seed}:dni:first`, 8)}${digits(`${seed}:dni`, 7)}`;
  return `${n}${'TRWAGMYFPDXBNJZSQVHLCKE'[Number(n) % 23]}`;
}

function nationalId(e: EmployeeSeed, birthDate: string, seed: string, usIndex: number): string {
  switch (e.country) {
    case 'NL':
      return bsn(seed);
    case 'DE':
      return steuerId(seed);
    case 'FR':
      return nir(e, birthDate, seed);
    case 'ES':
      return dni(seed);
    case 'GB': // the QQ prefix is reserved for examples
      return `QQ${digits(`${seed}:nino`, 6)}${'ABCD'[pick(`${seed}:nino:suffix`, 4)]}`;
    case 'US': // 987-65-4320 to 987-65-4329 are reserved for advertising
      if (usIndex > 9) throw new Error('more US employees than reserved example SSNs');
      return `987-65-432${usIndex}`;
  }
}

/** Numbers from ranges reserved for fiction where the country has one (GB, FR, US). */
function phone(e: EmployeeSeed, seed: string): string {
  const d = (n: number) => digits(`${seed}:phone`, n);
  switch (e.country) {
    case 'NL':
      return `+31 6 ${d(8).slice(0, 4)} ${d(8).slice(4)}`;
    case 'DE':
      return `+49 151 ${d(8).slice(0, 4)} ${d(8).slice(4)}`;
    case 'GB':
      return `+44 20 7946 0${d(3)}`;
    case 'FR':
      return `+33 1 99 00 ${d(4).slice(0, 2)} ${d(4).slice(2)}`;
    case 'ES':
      return `+34 91 ${d(7).slice(0, 3)} ${d(7).slice(3, 5)} ${d(7).slice(5)}`;
    case 'US':
      return `+1 212 555 01${d(2)}`;
  }
}

function baseSalary(e: EmployeeSeed, position: PositionSeed, seed: string): { amount: string; currency: string } | null {
  if (e.type === 'contractor') return null; // paid by invoice, no salary on the HR record
  const c = COUNTRIES[e.country];
  const spread = 0.96 + pick(`${seed}:salary`, 11) / 100; // -4 % .. +6 %
  const partTime = e.type === 'part_time' ? 0.6 : 1;
  const amount = Math.round((position.salary * c.salaryFactor * spread * partTime) / 100) * 100;
  return { amount: `${amount}.00`, currency: c.currency };
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

interface SeedServices {
  db: TransactionalConnection;
  departments: DepartmentsService;
  positions: PositionsService;
  employees: EmployeesService;
  calendars: CalendarsService;
  leaveTypes: LeaveTypesService;
  leaveLedger: LeaveLedgerService;
  leaveRequests: LeaveRequestsService;
  journeys: JourneysService;
  pipe: ValidationPipe;
}

interface SeedResult {
  created: boolean;
  departments: number;
  positions: number;
  employees: { total: number; active: number; onLeave: number; terminated: number };
  countries: string[];
  calendars: number;
  leaveRequests: number;
  auditEvents: number;
  outboxEvents: number;
}

/** The same validation an API request goes through (unknown fields refused, formats checked). */
async function validated<T extends object>(pipe: ValidationPipe, dto: new () => T, body: object): Promise<T> {
  return (await pipe.transform(body, { type: 'body', metatype: dto, data: undefined })) as T;
}

async function seedCompany(s: SeedServices, referenceYear: number): Promise<SeedResult> {
  const emptyResult: SeedResult = { created: false, departments: 0, positions: 0, employees: { total: 0, active: 0, onLeave: 0, terminated: 0 }, countries: [], calendars: 0, leaveRequests: 0, auditEvents: 0, outboxEvents: 0 };
  return s.db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query('SELECT 1 FROM hr_departments WHERE code = $1', [MARKER_DEPARTMENT]);
    if (present.length) return emptyResult;

    const date = ([yearsAgo, month, day]: YearOffsetDate) => `${referenceYear - yearsAgo}-${pad2(month)}-${pad2(day)}`;

    const departmentIds = new Map<string, string>();
    for (const d of DEPARTMENTS) {
      const parentId = d.parent ? departmentIds.get(d.parent) : undefined;
      if (d.parent && !parentId) throw new Error(`department ${d.code}: parent ${d.parent} must come first`);
      const dto = await validated(s.pipe, CreateDepartmentDto, { code: d.code, name: d.name, costCenter: d.costCenter, ...(parentId ? { parentId } : {}) });
      departmentIds.set(d.code, (await s.departments.create(dto)).id);
    }

    const positionIds = new Map<string, string>();
    for (const p of POSITIONS) {
      const dto = await validated(s.pipe, CreatePositionDto, { title: p.title, departmentId: departmentIds.get(p.department)!, grade: p.grade, headcountBudget: p.headcountBudget });
      positionIds.set(p.key, (await s.positions.create(dto)).id);
    }

    // A work calendar per office: its public holidays, and the default calendar of who works there.
    const calendarIds = new Map<Country, string>();
    for (const [country, c] of Object.entries(COUNTRIES) as Array<[Country, (typeof COUNTRIES)[Country]]>) {
      const dto = await validated(s.pipe, CreateCalendarDto, { name: c.office, timeZone: c.timeZone, country, region: c.region, workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00', location: c.office });
      calendarIds.set(country, (await s.calendars.create(dto)).id);
    }

    const employeeIds = new Map<string, string>();
    const versions = new Map<string, number>();
    const emails = new Set<string>();
    const unique = new Set<string>();
    let usIndex = 0;
    for (const e of EMPLOYEES) {
      const position = POSITIONS.find((p) => p.key === e.position);
      const departmentId = departmentIds.get(e.department);
      const managerId = e.manager ? employeeIds.get(e.manager) : undefined;
      if (!position || !departmentId || (e.manager && !managerId)) throw new Error(`employee ${e.key}: unknown position/department or manager not hired yet`);
      const workEmail = `${emailPart(e.firstName)}.${emailPart(e.lastName)}@${EMAIL_DOMAIN}`;
      if (emails.has(workEmail)) throw new Error(`duplicate work email ${workEmail}`);
      emails.add(workEmail);
      const seed = workEmail;
      const birthDate = date(e.born);
      const dto = await validated(s.pipe, CreateEmployeeDto, {
        firstName: e.firstName,
        lastName: e.lastName,
        workEmail,
        phone: phone(e, seed),
        birthDate,
        hireDate: date(e.hired),
        employmentType: e.type,
        departmentId,
        positionId: positionIds.get(e.position)!,
        ...(managerId ? { managerId } : {}),
        workLocation: e.location ?? COUNTRIES[e.country].office,
        // Remote people follow the calendar of their country's office.
        ...(e.location ? { workCalendarId: calendarIds.get(e.country)! } : {}),
        country: e.country,
        nationalId: nationalId(e, birthDate, seed, e.country === 'US' ? usIndex++ : -1),
        iban: bankAccount(e, seed),
        baseSalary: baseSalary(e, position, seed),
      });
      for (const [label, value] of [['national id', dto.nationalId], ['IBAN', dto.iban]] as const) {
        if (value && unique.has(value)) throw new Error(`duplicate ${label} ${value} (${e.key})`);
        if (value) unique.add(value);
      }
      const hired = await s.employees.hire(dto);
      employeeIds.set(e.key, hired.id);
      versions.set(e.key, hired.version);
    }

    for (const d of DEPARTMENTS) {
      const headEmployeeId = employeeIds.get(d.head);
      if (!headEmployeeId) throw new Error(`department ${d.code}: unknown head ${d.head}`);
      await s.departments.update(departmentIds.get(d.code)!, await validated(s.pipe, UpdateDepartmentDto, { headEmployeeId }), undefined);
    }

    for (const e of EMPLOYEES) {
      const id = employeeIds.get(e.key)!;
      if (e.leave) {
        const updated = await s.employees.update(id, await validated(s.pipe, UpdateEmployeeDto, { status: 'on_leave' }), versions.get(e.key));
        versions.set(e.key, updated.version);
      }
      if (e.terminated) {
        const [month, day, reason] = e.terminated;
        const body = { terminationDate: `${referenceYear - 1}-${pad2(month)}-${pad2(day)}`, reason };
        await s.employees.terminate(id, await validated(s.pipe, TerminateEmployeeDto, body), versions.get(e.key));
      }
    }

    // Time off: leave types, this year's grants, and a few requests in different states.
    const leaveType = async (body: object) => (await s.leaveTypes.create(await validated(s.pipe, CreateLeaveTypeDto, body))).id;
    const annualId = await leaveType({ code: 'ANNUAL', name: 'Annual leave', paid: true, unit: 'days', halfDaysAllowed: true, accrualPolicy: 'yearly_grant', accrualAmount: '25.00', carryOverCap: '5.00', carryOverExpiryMonths: 3, allowNegative: false, approver: 'manager' });
    await leaveType({ code: 'SICK', name: 'Sick leave', paid: true, unit: 'days', halfDaysAllowed: true, accrualPolicy: 'none', allowNegative: true, approver: 'manager' });
    const unpaidId = await leaveType({ code: 'UNPAID', name: 'Unpaid leave', paid: false, unit: 'days', halfDaysAllowed: false, accrualPolicy: 'none', allowNegative: true, approver: 'manager' });
    await s.leaveLedger.runAccruals(`${referenceYear}-01-01`);
    const requesters = EMPLOYEES.filter((e) => e.manager && !e.location && !e.leave && !e.terminated && e.hired[0] >= 1).slice(0, 4);
    const plans: Array<{ type: string; from: string; to: string; halfDayEnd?: boolean; steps: Array<'submit' | 'approve' | 'reject'> }> = [
      { type: annualId, from: `${referenceYear}-07-13`, to: `${referenceYear}-07-24`, steps: ['submit', 'approve'] },
      { type: annualId, from: `${referenceYear}-08-03`, to: `${referenceYear}-08-05`, halfDayEnd: true, steps: ['submit'] },
      { type: unpaidId, from: `${referenceYear}-09-14`, to: `${referenceYear}-09-18`, steps: ['submit', 'reject'] },
      { type: annualId, from: `${referenceYear}-10-19`, to: `${referenceYear}-10-20`, steps: [] },
    ];
    for (const [i, plan] of plans.entries()) {
      const e = requesters[i];
      const body = { employeeId: employeeIds.get(e.key)!, leaveTypeId: plan.type, startDate: plan.from, endDate: plan.to, ...(plan.halfDayEnd ? { halfDayEnd: true } : {}), reason: 'Demo request' };
      let request = await s.leaveRequests.create(await validated(s.pipe, CreateLeaveRequestDto, body));
      const decision = await validated(s.pipe, LeaveDecisionDto, { approverEmployeeId: employeeIds.get(e.manager!)! });
      for (const step of plan.steps) {
        if (step === 'submit') request = await s.leaveRequests.submit(request.id, request.version);
        if (step === 'approve') request = await s.leaveRequests.approve(request.id, decision, request.version);
        if (step === 'reject') request = await s.leaveRequests.reject(request.id, decision, request.version);
      }
    }

    await s.journeys.createTemplate(await validated(s.pipe, CreateChecklistTemplateDto, {
      name: 'Standard onboarding', kind: 'onboarding',
      tasks: [
        { title: 'Sign the employment contract', ownerRole: 'hr', dueOffsetDays: -10, kind: 'contract' },
        { title: 'Order a laptop and accounts', ownerRole: 'it', dueOffsetDays: -5, kind: 'it_ticket' },
        { title: 'Introduce the team and a buddy', ownerRole: 'manager', dueOffsetDays: 0, kind: 'manual' },
        { title: 'First-month check-in', ownerRole: 'manager', dueOffsetDays: 30, kind: 'manual' },
      ],
    }));
    await s.journeys.createTemplate(await validated(s.pipe, CreateChecklistTemplateDto, {
      name: 'Standard offboarding', kind: 'offboarding',
      tasks: [
        { title: 'Collect the laptop and revoke access', ownerRole: 'it', dueOffsetDays: 0, kind: 'it_ticket' },
        { title: 'Exit interview', ownerRole: 'hr', dueOffsetDays: -5, kind: 'manual' },
      ],
    }));

    const [counts]: Array<{ active: number; on_leave: number; terminated: number; total: number }> = await manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'on_leave')::int AS on_leave,
              count(*) FILTER (WHERE status = 'terminated')::int AS terminated
         FROM hr_employees WHERE id = ANY($1::uuid[])`,
      [[...employeeIds.values()]],
    );
    const [{ n: auditEvents }]: Array<{ n: number }> = await manager.query('SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1', [REQUEST_ID]);
    const [{ n: outboxEvents }]: Array<{ n: number }> = await manager.query('SELECT count(*)::int AS n FROM outbox_events WHERE request_id = $1', [REQUEST_ID]);
    return {
      created: true,
      departments: departmentIds.size,
      positions: positionIds.size,
      employees: { total: counts.total, active: counts.active, onLeave: counts.on_leave, terminated: counts.terminated },
      countries: [...new Set(EMPLOYEES.map((e) => e.country))].sort(),
      calendars: calendarIds.size,
      leaveRequests: plans.length,
      auditEvents,
      outboxEvents,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Inventory: two warehouses, three suppliers, a dozen items, purchase orders received, sales
// issued, a transfer and a reservation. Same rules: through the services, all or nothing, once
// (marker: warehouse AMS1).
// ---------------------------------------------------------------------------------------------

const MARKER_WAREHOUSE = 'AMS1';

interface InventoryServices {
  db: TransactionalConnection;
  pipe: ValidationPipe;
  items: ItemsService;
  suppliers: SuppliersService;
  warehouses: WarehousesService;
  purchaseOrders: PurchaseOrdersService;
  ledger: StockLedgerService;
  reservations: ReservationsService;
}

interface InventoryResult {
  created: boolean;
  warehouses: number;
  locations: number;
  suppliers: number;
  items: number;
  moves: number;
}

const SUPPLIERS = [
  { key: 'wurth', name: 'Würth Industrie Service', contactName: 'Petra Schmidt', contactEmail: 'orders@wuerth-industrie.example', taxId: 'DE146290624', currency: 'EUR', leadTimeDays: 5 },
  { key: 'fastenal', name: 'Fastenal Europe', contactName: 'Joost de Vries', contactEmail: 'sales@fastenal-eu.example', taxId: 'NL812345678B01', currency: 'EUR', leadTimeDays: 7 },
  { key: 'bosch', name: 'Bosch Power Tools', contactName: 'Lena Maier', contactEmail: 'b2b@bosch-tools.example', taxId: 'DE811128135', currency: 'EUR', leadTimeDays: 10 },
];

const ITEMS = [
  { key: 'bolt', sku: 'BOLT-M8-40', name: 'Hex bolt M8 × 40 mm, zinc plated, DIN 933', uom: 'pcs', category: 'Fasteners', tracking: 'none', valuation: 'fifo', point: '2000', qty: '5000', supplier: 'wurth' },
  { key: 'nut', sku: 'NUT-M8', name: 'Hex nut M8, zinc plated, DIN 934', uom: 'pcs', category: 'Fasteners', tracking: 'none', valuation: 'fifo', point: '2000', qty: '5000', supplier: 'wurth' },
  { key: 'washer', sku: 'WASHER-M8', name: 'Flat washer M8, DIN 125', uom: 'pcs', category: 'Fasteners', tracking: 'none', valuation: 'moving_average', point: '2000', qty: '10000', supplier: 'fastenal' },
  { key: 'ties', sku: 'TIE-300-BLK', name: 'Cable tie 300 × 4.8 mm, black, UV resistant', uom: 'pack', category: 'Electrical', tracking: 'none', valuation: 'moving_average', point: '40', qty: '100', supplier: 'fastenal' },
  { key: 'tape', sku: 'TAPE-PTFE-12', name: 'PTFE thread seal tape 12 mm × 12 m', uom: 'roll', category: 'Plumbing', tracking: 'none', valuation: 'moving_average', point: '50', qty: '200', supplier: 'fastenal' },
  { key: 'glue', sku: 'ADH-2K-50', name: 'Two-component epoxy adhesive, 50 ml cartridge', uom: 'pcs', category: 'Chemicals', tracking: 'lot', valuation: 'fifo', point: '30', qty: '60', supplier: 'wurth' },
  { key: 'sealant', sku: 'SIL-310-WHT', name: 'Sanitary silicone sealant, white, 310 ml', uom: 'pcs', category: 'Chemicals', tracking: 'lot', valuation: 'fifo', point: '24', qty: '48', supplier: 'fastenal' },
  { key: 'drill', sku: 'DRILL-GSR18V', name: 'Cordless drill driver 18 V (solo)', uom: 'pcs', category: 'Power tools', tracking: 'serial', valuation: 'moving_average', point: '2', qty: '5', supplier: 'bosch' },
  { key: 'grinder', sku: 'GRIND-GWS18V', name: 'Cordless angle grinder 18 V, 125 mm (solo)', uom: 'pcs', category: 'Power tools', tracking: 'serial', valuation: 'moving_average', point: '1', qty: '3', supplier: 'bosch' },
  { key: 'gloves', sku: 'GLOVE-NIT-L', name: 'Nitrile gloves, size L, box of 100', uom: 'box', category: 'Safety', tracking: 'none', valuation: 'moving_average', point: '20', qty: '60', supplier: 'fastenal' },
  { key: 'glasses', sku: 'GLASS-CLR', name: 'Safety glasses, clear, EN 166', uom: 'pcs', category: 'Safety', tracking: 'none', valuation: 'moving_average', point: '25', qty: '50', supplier: 'fastenal' },
  { key: 'cable', sku: 'CABLE-NYM-3X1.5', name: 'Installation cable NYM-J 3 × 1.5 mm²', uom: 'm', category: 'Electrical', tracking: 'none', valuation: 'fifo', point: '200', qty: '500', supplier: 'wurth' },
] as const;

async function seedWarehouse(s: InventoryServices, referenceYear: number): Promise<InventoryResult> {
  return s.db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query('SELECT 1 FROM inv_warehouses WHERE code = $1', [MARKER_WAREHOUSE]);
    if (present.length) return { created: false, warehouses: 0, locations: 0, suppliers: 0, items: 0, moves: 0 };
    const v = <T extends object>(dto: new () => T, body: object) => validated(s.pipe, dto, body);

    const supplierIds = new Map<string, string>();
    for (const { key, ...body } of SUPPLIERS) supplierIds.set(key, (await s.suppliers.create(await v(CreateSupplierDto, body))).id);

    const itemIds = new Map<string, string>();
    for (const i of ITEMS) {
      const body = { sku: i.sku, name: i.name, unitOfMeasure: i.uom, category: i.category, tracking: i.tracking, valuationMethod: i.valuation, reorderPoint: i.point, reorderQuantity: i.qty, preferredSupplierId: supplierIds.get(i.supplier) };
      itemIds.set(i.key, (await s.items.create(await v(CreateItemDto, body))).id);
    }

    // Amsterdam: a receiving dock, two zones of shelves with bins, and a quarantine area nobody picks from.
    const loc = new Map<string, string>();
    let locations = 0;
    const addLocation = async (warehouseId: string, key: string, body: object) => {
      loc.set(key, (await s.warehouses.createLocation(warehouseId, await v(CreateLocationDto, body))).id);
      locations++;
    };
    const ams = await s.warehouses.create(await v(CreateWarehouseDto, { code: MARKER_WAREHOUSE, name: 'Amsterdam distribution centre', address: 'Havenstraat 12, 1013 AB Amsterdam' }));
    await addLocation(ams.id, 'ams-dock', { code: 'DOCK', name: 'Receiving dock', kind: 'zone', receivable: true, pickable: false });
    await addLocation(ams.id, 'ams-qc', { code: 'QC', name: 'Quarantine', kind: 'zone', receivable: false, pickable: false });
    for (const zone of ['A', 'B']) {
      await addLocation(ams.id, `ams-${zone}`, { code: zone, name: `Zone ${zone}`, kind: 'zone', receivable: false, pickable: false });
      for (const shelf of ['01', '02']) {
        await addLocation(ams.id, `ams-${zone}-${shelf}`, { code: `${zone}-${shelf}`, name: `Shelf ${zone}-${shelf}`, kind: 'shelf', parentId: loc.get(`ams-${zone}`), receivable: false, pickable: false });
        for (const bin of ['1', '2', '3']) {
          await addLocation(ams.id, `ams-${zone}-${shelf}-${bin}`, { code: `${zone}-${shelf}-${bin}`, name: `Bin ${zone}-${shelf}-${bin}`, kind: 'bin', parentId: loc.get(`ams-${zone}-${shelf}`) });
        }
      }
    }
    const ber = await s.warehouses.create(await v(CreateWarehouseDto, { code: 'BER1', name: 'Berlin trade counter', address: 'Lagerstraße 5, 10115 Berlin' }));
    await addLocation(ber.id, 'ber-shop', { code: 'SHOP', name: 'Shop floor', kind: 'zone' });
    await addLocation(ber.id, 'ber-back', { code: 'BACK', name: 'Back store', kind: 'zone' });

    const year = referenceYear;
    const receive = async (supplier: string, lines: Array<{ item: string; quantity: string; unitCost: string; receive?: string; lotNumber?: string; expiryDate?: string; serialNumbers?: string[] }>, to: string, tolerance = '0') => {
      const po = await s.purchaseOrders.create(await v(CreatePurchaseOrderDto, { supplierId: supplierIds.get(supplier), overReceiptTolerancePercent: tolerance, expectedDate: `${year}-01-15`, lines: lines.map((l) => ({ itemId: itemIds.get(l.item), quantity: l.quantity, unitCost: l.unitCost })) }));
      await s.purchaseOrders.order(po.id, undefined);
      const receiving = lines.map((l, n) => ({ lineId: po.lines[n].id, quantity: l.receive ?? l.quantity, ...(l.lotNumber ? { lotNumber: l.lotNumber, expiryDate: l.expiryDate } : {}), ...(l.serialNumbers ? { serialNumbers: l.serialNumbers } : {}) })).filter((l) => l.quantity !== '0');
      await s.purchaseOrders.receive(po.id, await v(ReceivePurchaseOrderDto, { locationId: loc.get(to), lines: receiving }), undefined);
    };
    const move = async (body: Record<string, unknown>) => {
      const dto = await v(CreateStockMoveDto, body);
      return s.ledger.post({ ...dto, referenceType: dto.referenceType ?? 'manual' });
    };

    await receive('wurth', [
      { item: 'bolt', quantity: '10000', unitCost: '0.0412' },
      { item: 'nut', quantity: '10000', unitCost: '0.0188' },
      { item: 'cable', quantity: '1000', unitCost: '0.6900' },
      { item: 'glue', quantity: '60', unitCost: '7.4500', lotNumber: `EP-${year}-031`, expiryDate: `${year + 1}-03-31` },
    ], 'ams-dock', '2');
    await receive('wurth', [{ item: 'bolt', quantity: '5000', unitCost: '0.0438' }, { item: 'glue', quantity: '40', unitCost: '7.6200', lotNumber: `EP-${year}-077`, expiryDate: `${year + 1}-09-30` }], 'ams-dock');
    await receive('fastenal', [
      { item: 'washer', quantity: '20000', unitCost: '0.0095' },
      { item: 'ties', quantity: '200', unitCost: '3.9000' },
      { item: 'tape', quantity: '300', unitCost: '0.5400' },
      { item: 'sealant', quantity: '96', unitCost: '4.1000', lotNumber: `SIL-${year}-11`, expiryDate: `${year + 1}-05-31` },
      { item: 'gloves', quantity: '120', unitCost: '6.8000', receive: '80' },
      { item: 'glasses', quantity: '100', unitCost: '2.1500' },
    ], 'ams-dock');
    await receive('bosch', [
      { item: 'drill', quantity: '6', unitCost: '89.0000', serialNumbers: ['GSR-7041-0001', 'GSR-7041-0002', 'GSR-7041-0003', 'GSR-7041-0004', 'GSR-7041-0005', 'GSR-7041-0006'] },
      { item: 'grinder', quantity: '4', unitCost: '112.0000', receive: '2', serialNumbers: ['GWS-2210-0001', 'GWS-2210-0002'] },
    ], 'ams-dock');

    // Put away from the dock into bins, send some stock to Berlin.
    const putAway: Array<[string, string, string, Record<string, unknown>?]> = [
      ['bolt', '14000', 'ams-A-01-1'], ['nut', '9500', 'ams-A-01-2'], ['washer', '19000', 'ams-A-01-3'], ['cable', '1000', 'ams-A-02-1'],
      ['ties', '180', 'ams-A-02-2'], ['tape', '280', 'ams-A-02-3'], ['glue', '100', 'ams-B-01-1'], ['sealant', '96', 'ams-B-01-2'],
      ['gloves', '80', 'ams-B-02-1'], ['glasses', '100', 'ams-B-02-2'],
      ['drill', '5', 'ams-B-02-3', { serialNumbers: ['GSR-7041-0001', 'GSR-7041-0002', 'GSR-7041-0003', 'GSR-7041-0004', 'GSR-7041-0005'] }],
      ['grinder', '2', 'ams-B-02-3', { serialNumbers: ['GWS-2210-0001', 'GWS-2210-0002'] }],
    ];
    for (const [item, quantity, to, extra] of putAway) await move({ kind: 'transfer', itemId: itemIds.get(item), fromLocationId: loc.get('ams-dock'), toLocationId: loc.get(to), quantity, ...extra });
    await move({ kind: 'transfer', itemId: itemIds.get('drill'), fromLocationId: loc.get('ams-dock'), toLocationId: loc.get('ber-back'), quantity: '1', serialNumbers: ['GSR-7041-0006'] });
    await move({ kind: 'transfer', itemId: itemIds.get('bolt'), fromLocationId: loc.get('ams-A-01-1'), toLocationId: loc.get('ber-shop'), quantity: '1000' });
    await move({ kind: 'transfer', itemId: itemIds.get('nut'), fromLocationId: loc.get('ams-dock'), toLocationId: loc.get('ber-shop'), quantity: '500' });

    // Sales (issues against invoices), a damaged carton, a customer return.
    const sales: Array<[string, string, string, string, Record<string, unknown>?]> = [
      ['bolt', '2500', 'ams-A-01-1', `INV-${year}-000101`], ['nut', '2500', 'ams-A-01-2', `INV-${year}-000101`], ['washer', '5000', 'ams-A-01-3', `INV-${year}-000101`],
      ['cable', '350', 'ams-A-02-1', `INV-${year}-000102`], ['ties', '150', 'ams-A-02-2', `INV-${year}-000103`], ['glue', '45', 'ams-B-01-1', `INV-${year}-000104`],
      ['drill', '2', 'ams-B-02-3', `INV-${year}-000105`, { serialNumbers: ['GSR-7041-0001', 'GSR-7041-0002'] }], ['bolt', '400', 'ber-shop', `INV-${year}-000106`],
      ['gloves', '65', 'ams-B-02-1', `INV-${year}-000107`], ['glasses', '80', 'ams-B-02-2', `INV-${year}-000107`],
    ];
    for (const [item, quantity, from, invoice, extra] of sales) await move({ kind: 'issue', itemId: itemIds.get(item), fromLocationId: loc.get(from), quantity, referenceType: 'invoice', referenceId: invoice, ...extra });
    await move({ kind: 'adjustment', itemId: itemIds.get('sealant'), fromLocationId: loc.get('ams-B-01-2'), quantity: '6', reason: 'Carton crushed in handling' });
    await move({ kind: 'return', itemId: itemIds.get('drill'), toLocationId: loc.get('ams-B-02-3'), quantity: '1', serialNumbers: ['GSR-7041-0002'], unitCost: '89.0000', referenceType: 'credit_note', referenceId: `CN-${year}-000012` });

    await s.reservations.create(await v(CreateReservationDto, { itemId: itemIds.get('cable'), locationId: loc.get('ams-A-02-1'), quantity: '250', referenceType: 'invoice', referenceId: `INV-${year}-DRAFT-7`, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }));

    const [{ n: moves }]: Array<{ n: number }> = await manager.query('SELECT count(*)::int AS n FROM inv_stock_moves');
    return { created: true, warehouses: 2, locations, suppliers: supplierIds.size, items: itemIds.size, moves };
  });
}

const MARKER_SERIES = 'DEMO';

interface InvoicingServices {
  db: TransactionalConnection;
  pipe: ValidationPipe;
  sellerProfiles: SellerProfileService;
  customers: CustomersService;
  taxCategories: TaxCategoriesService;
  products: ProductsService;
  series: SeriesService;
  invoices: InvoicesService;
  payments: PaymentsService;
  creditNotes: CreditNotesService;
}

interface InvoicingResult {
  created: boolean;
  customers: number;
  products: number;
  drafts: number;
  issued: string[];
}

/**
 * Seller, customers in three countries, tax categories, services, an invoice and a credit-note
 * series; two issued invoices and a draft; a partial credit note, a partial payment of the first
 * invoice and an overpayment settling the second (the rest kept as customer credit).
 */
async function seedInvoicing(s: InvoicingServices): Promise<InvoicingResult> {
  return s.db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query('SELECT 1 FROM invc_series WHERE code = $1', [MARKER_SERIES]);
    if (present.length) return { created: false, customers: 0, products: 0, drafts: 0, issued: [] };
    const v = <T extends object>(dto: new () => T, body: object) => validated(s.pipe, dto, body);

    await s.sellerProfiles.create(await v(CreateSellerProfileDto, { legalName: 'Acme Back Office GmbH', vatId: 'DE123456789', companyId: 'HRB 123456 B', address: { line1: 'Friedrichstraße 68', city: 'Berlin', postalCode: '10117', countryCode: 'DE' }, email: 'billing@acme.example', phone: '+49 30 2345678', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }));
    const tax = async (body: object) => (await s.taxCategories.create(await v(CreateTaxCategoryDto, body))).id;
    const s19 = await tax({ code: 'S', rate: '19.00', name: 'Standard rate', validFrom: '2020-07-01' });
    const s7 = await tax({ code: 'S', rate: '7.00', name: 'Reduced rate', validFrom: '2020-07-01' });
    const ae = await tax({ code: 'AE', rate: '0', name: 'Reverse charge (EU B2B services)', exemptionReason: 'Reverse charge', exemptionReasonCode: 'VATEX-EU-AE', validFrom: '2020-01-01' });
    const g = await tax({ code: 'G', rate: '0', name: 'Export outside the EU', exemptionReason: 'Export outside the EU', exemptionReasonCode: 'VATEX-EU-G', validFrom: '2020-01-01' });

    const customer = async (body: object) => (await s.customers.create(await v(CreateCustomerDto, body))).id;
    const müller = await customer({ legalName: 'Müller Haustechnik GmbH & Co. KG', tradingName: 'Müller Haustechnik', vatId: 'DE811907980', companyId: 'HRA 4711', billingAddress: { line1: 'Industriestraße 12', city: 'Leipzig', postalCode: '04109', countryCode: 'DE' }, email: 'rechnungen@mueller-haustechnik.example', currency: 'EUR', paymentTermsDays: 14, creditLimit: '25000.00' });
    const dupont = await customer({ legalName: 'Dupont Rénovation SARL', vatId: 'FR40303265045', companyId: 'RCS Lyon 303 265 045', billingAddress: { line1: '8 Rue de la République', city: 'Lyon', postalCode: '69002', countryCode: 'FR' }, email: 'compta@dupont-renovation.example', currency: 'EUR', paymentTermsDays: 30 });
    // No EU VAT number: reached over Peppol by its GLN (EAS 0088), so its invoices export as UBL.
    const northwind = await customer({ legalName: 'Northwind Traders Ltd', billingAddress: { line1: '24 Kingsway', city: 'London', postalCode: 'WC2B 6NH', countryCode: 'GB' }, email: 'ap@northwind.example', electronicAddress: { scheme: '0088', id: '5012345000015' }, currency: 'GBP', paymentTermsDays: 45, creditLimit: '10000.00' });

    const product = async (body: object) => (await s.products.create(await v(CreateProductDto, body))).id;
    const consulting = await product({ code: 'SVC-CONSULT', name: 'Consulting hour', unitCode: 'HUR', unitPrice: '125.00', taxCategoryId: s19 });
    const install = await product({ code: 'SVC-INSTALL', name: 'Installation, flat rate', unitCode: 'C62', unitPrice: '480.00', taxCategoryId: s19 });
    const manual = await product({ code: 'DOC-MANUAL', name: 'Printed operating manual', unitCode: 'C62', unitPrice: '18.50', taxCategoryId: s7 });

    const series = await s.series.create(await v(CreateSeriesDto, { code: MARKER_SERIES, name: 'Demo invoices', pattern: 'INV-{YYYY}-{000000}', yearlyReset: true }));
    const invoice = async (body: object) => s.invoices.create(await v(CreateInvoiceDto, { seriesId: series.id, ...body }));
    const first = await invoice({ customerId: müller, buyerReference: 'PO-2291', lines: [{ productId: consulting, quantity: '6.5' }, { productId: install, quantity: '1', allowance: '30.00' }, { productId: manual, quantity: '2' }], allowancesCharges: [{ chargeIndicator: true, amount: '12.90', reason: 'Freight', taxCategoryId: s19 }] });
    const second = await invoice({ customerId: dupont, orderReference: 'CMD-2026-118', note: 'Autoliquidation – reverse charge, article 196 directive 2006/112/CE.', lines: [{ description: 'Remote consulting, project kickoff', quantity: '12', unitCode: 'HUR', unitPrice: '125.00', taxCategoryId: ae }] });
    await invoice({ customerId: müller, lines: [{ productId: consulting, quantity: '3.25' }] });
    const issuedFirst = await s.invoices.issue(first.id, undefined);
    const issuedSecond = await s.invoices.issue(second.id, undefined);
    const export_ = await invoice({ customerId: northwind, buyerReference: 'NW-PO-8812', lines: [{ description: 'Remote consulting, UK rollout', quantity: '4', unitCode: 'HUR', unitPrice: '110.00', taxCategoryId: g }] });
    const issuedExport = await s.invoices.issue(export_.id, undefined);
    const issued = [issuedFirst.number!, issuedSecond.number!, issuedExport.number!];
    const cnSeries = await s.series.create(await v(CreateSeriesDto, { code: `${MARKER_SERIES}-CN`, name: 'Demo credit notes', pattern: 'CN-{YYYY}-{000000}', yearlyReset: true, documentType: 'credit_note' }));
    const manualLine = issuedFirst.lines.find((l) => l.productId === manual)!;
    await s.creditNotes.create(first.id, await v(CreateCreditNoteDto, { seriesId: cnSeries.id, reason: 'One manual delivered twice', lines: [{ invoiceLineId: manualLine.id, quantity: '1' }] }));
    const today = new Date().toISOString().slice(0, 10);
    await s.payments.create(await v(CreatePaymentDto, { customerId: müller, amount: '500.00', receivedOn: today, method: 'bank_transfer', reference: `SEPA ${issued[0]}`, allocations: [{ invoiceId: first.id, amount: '500.00' }] }));
    await s.payments.create(await v(CreatePaymentDto, { customerId: dupont, amount: '1600.00', receivedOn: today, method: 'bank_transfer', reference: `VIR ${issued[1]}`, allocations: [{ invoiceId: second.id, amount: issuedSecond.totals.payableAmount }] }));
    return { created: true, customers: 3, products: 3, drafts: 1, issued };
  });
}

const MARKER_SCHEDULE = 'DEMO-MONTHLY';

interface PayrollServices {
  db: TransactionalConnection;
  pipe: ValidationPipe;
  ruleSets: RuleSetsService;
  schedules: PaySchedulesService;
  scheduleAssignments: ScheduleAssignmentsService;
  compensation: CompensationService;
  ruleSetAssignments: RuleSetAssignmentsService;
  components: PayComponentsService;
  payRuns: PayRunsService;
}

interface PayrollResult {
  created: boolean;
  employees: number;
  runs: string[];
}

/**
 * A monthly schedule for up to 12 employees hired before this year (salaried and hourly), a rule
 * set, a meal allowance for everyone and union dues for some; January calculated, approved and
 * paid; February calculated and waiting for approval.
 */
async function seedPayroll(s: PayrollServices, referenceYear: number): Promise<PayrollResult> {
  return s.db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query('SELECT 1 FROM payroll_pay_schedules WHERE code = $1', [MARKER_SCHEDULE]);
    if (present.length) return { created: false, employees: 0, runs: [] };
    const v = <T extends object>(dto: new () => T, body: object) => validated(s.pipe, dto, body);
    const yearStart = `${referenceYear}-01-01`;
    await s.ruleSets.create(await v(CreateRuleSetDto, {
      code: 'DEMO', validFrom: yearStart, name: `Demo rules ${referenceYear}`, taxAllowance: '1000',
      taxBrackets: [{ threshold: '0', rate: '0.14' }, { threshold: '2500', rate: '0.24' }, { threshold: '6000', rate: '0.42' }],
      contributions: [
        { code: 'PENSION', name: 'State pension', base: 'gross', employeeRate: '0.093', employerRate: '0.093', lowerThreshold: '520', upperCap: '7550' },
        { code: 'HEALTH', name: 'Health insurance', base: 'gross', employeeRate: '0.073', employerRate: '0.073', lowerThreshold: '520', upperCap: '5175' },
      ],
    }));
    const schedule = await s.schedules.create(await v(CreatePayScheduleDto, { code: MARKER_SCHEDULE, name: 'Monthly staff', frequency: 'monthly', payDateRule: 'last_working_day', prorationMethod: 'working_days' }));
    const meal = await s.components.create(await v(CreatePayComponentDto, { code: 'MEAL', name: 'Meal allowance', kind: 'earning', taxable: false, calculationType: 'fixed', amount: '80', glAccount: '6010' }));
    await s.components.assign(meal.id, await v(CreateComponentAssignmentDto, { payScheduleId: schedule.id, effectiveFrom: yearStart }));
    const union = await s.components.create(await v(CreatePayComponentDto, { code: 'UNION', name: 'Union dues', kind: 'post_tax_deduction', calculationType: 'percentage', rate: '0.01', base: 'gross', glAccount: '2330', sequence: 10 }));

    const people: Array<{ id: string; hire_date: string }> = await manager.query(
      `SELECT id, hire_date::text AS hire_date FROM hr_employees WHERE status = 'active' AND hire_date < $1 ORDER BY employee_number LIMIT 12`,
      [yearStart],
    );
    for (const [i, p] of people.entries()) {
      const hourly = i % 4 === 3;
      await s.compensation.create(p.id, await v(CreateCompensationDto, hourly
        ? { effectiveFrom: p.hire_date, basis: 'hourly', amount: String(18 + i), currency: 'EUR', overtimeMultiplier: '1.25' }
        : { effectiveFrom: p.hire_date, basis: 'annual_salary', amount: String(42000 + i * 3500), currency: 'EUR' }));
      await s.scheduleAssignments.assign(schedule.id, await v(AssignScheduleDto, { employeeId: p.id }));
      await s.ruleSetAssignments.assign(p.id, await v(AssignRuleSetDto, { ruleSetCode: 'DEMO', effectiveFrom: yearStart }));
      if (i % 3 === 0) await s.components.assign(union.id, await v(CreateComponentAssignmentDto, { employeeId: p.id, effectiveFrom: yearStart }));
    }
    const runs: string[] = [];
    for (const month of ['01', '02']) {
      const run = await s.payRuns.create(await v(CreatePayRunDto, { payScheduleId: schedule.id, periodStart: `${referenceYear}-${month}-01` }));
      for (const [i, p] of people.entries()) {
        const hourly = i % 4 === 3;
        const input = hourly
          ? { hours: [{ date: `${referenceYear}-${month}-15`, kind: 'regular', hours: '152' }, { date: `${referenceYear}-${month}-20`, kind: 'overtime', hours: String(i % 5) }] }
          : i === 0 && month === '01' ? { bonus: '1500.00' } : i === 1 ? { reimbursement: '64.90' } : null;
        if (input) await s.payRuns.setInput(run.id, p.id, await v(PayRunInputDto, input), undefined);
      }
      await s.payRuns.calculate(run.id, undefined);
      if (month === '01') {
        await s.payRuns.approve(run.id, undefined);
        await s.payRuns.markPaid(run.id, undefined);
      }
      runs.push(`${referenceYear}-${month} ${month === '01' ? 'paid' : 'calculated'}`);
    }
    return { created: true, employees: people.length, runs };
  });
}

const MARKER_IT_ASSET = 'DEMO-LT-0001';
const IT_SERVICE_DESK = '0193c000-0000-7000-8000-000000000001';

interface ItServices {
  db: TransactionalConnection;
  pipe: ValidationPipe;
  desk: DeskService;
  config: SlaConfigService;
  tickets: TicketsService;
  assets: AssetsService;
}

interface ItResult {
  created: boolean;
  assets: number;
  tickets: string[];
}

/** IT desk: a Berlin business calendar, SLA policies per priority, two agents, assets with holders and license seats, tickets in several states. */
async function seedItDesk(s: ItServices): Promise<ItResult> {
  return s.db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query('SELECT 1 FROM it_assets WHERE asset_tag = $1', [MARKER_IT_ASSET]);
    if (present.length) return { created: false, assets: 0, tickets: [] };
    // The seed script may read HR's table for ids (it is not module code); active staff first by number.
    const staff: Array<{ id: string }> = await manager.query(`SELECT id FROM hr_employees WHERE status = 'active' ORDER BY employee_number LIMIT 6`);
    if (staff.length < 4) return { created: false, assets: 0, tickets: [] };
    const [agentA, agentB, alice, bob, carol, dave] = staff.map((e) => e.id);
    const v = <T extends object>(dto: new () => T, body: object) => validated(s.pipe, dto, body);

    const calendar = await s.config.createCalendar(await v(CreateBusinessCalendarDto, { name: 'Berlin office hours', timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', holidayCountry: 'DE', holidayRegion: 'BE' }));
    const targets: Array<[string, number, number]> = [['P1', 15, 240], ['P2', 60, 480], ['P3', 240, 1440], ['P4', 480, 2880]];
    for (const [priority, firstResponseMinutes, resolutionMinutes] of targets) {
      await s.config.createPolicy(await v(CreateSlaPolicyDto, { name: `${priority} standard`, priority, firstResponseMinutes, resolutionMinutes, calendarId: calendar.id }));
    }
    for (const employeeId of [agentA, agentB]) await s.desk.createAgent(await v(CreateAgentDto, { employeeId, groupIds: [IT_SERVICE_DESK] }));

    const asset = async (body: object) => s.assets.create(await v(CreateAssetDto, body));
    const laptop = await asset({ assetTag: MARKER_IT_ASSET, serialNumber: 'PF3X9K2L', model: 'Lenovo ThinkPad T14 Gen 5', category: 'laptop', purchaseDate: '2026-02-10', purchaseCost: '1489.00', currency: 'EUR', warrantyEnd: '2029-02-10' });
    const laptop2 = await asset({ assetTag: 'DEMO-LT-0002', serialNumber: 'C02XG0FDJGH5', model: 'MacBook Pro 14" M3', category: 'laptop', purchaseDate: '2026-04-02', purchaseCost: '2399.00', currency: 'EUR', warrantyEnd: '2029-04-02' });
    await asset({ assetTag: 'DEMO-LT-0003', model: 'Dell Latitude 7450', category: 'laptop', purchaseDate: '2025-09-15', purchaseCost: '1320.00', currency: 'EUR', warrantyEnd: '2028-09-15' });
    const phone = await asset({ assetTag: 'DEMO-PH-0001', serialNumber: 'F2LZK1ABN72J', model: 'iPhone 15', category: 'phone', purchaseDate: '2026-01-20', purchaseCost: '799.00', currency: 'EUR' });
    await asset({ assetTag: 'DEMO-MN-0001', model: 'Dell U2724D 27"', category: 'monitor', purchaseDate: '2025-11-03', purchaseCost: '389.00', currency: 'EUR' });
    const license = await asset({ assetTag: 'DEMO-LIC-FIGMA', model: 'Figma Professional (annual)', category: 'license', purchaseDate: '2026-01-01', purchaseCost: '1800.00', currency: 'USD', warrantyEnd: '2026-12-31', seats: 10 });
    await s.assets.checkOut(laptop.id, { employeeId: alice }, undefined);
    await s.assets.checkOut(laptop2.id, { employeeId: bob }, undefined);
    await s.assets.checkOut(phone.id, { employeeId: alice }, undefined);
    for (const employeeId of [alice, bob, carol ?? alice]) await s.assets.checkOut(license.id, { employeeId }, undefined).catch(() => undefined);

    const ticket = async (body: object) => s.tickets.create(await v(CreateTicketDto, { groupId: IT_SERVICE_DESK, ...body }));
    const comment = async (id: string, body: object) => s.tickets.addComment(id, await v(CreateCommentDto, body));
    const vpn = await ticket({ title: 'VPN drops every 10 minutes', description: 'Since the client update the VPN disconnects on office Wi-Fi.', type: 'incident', category: 'network', impact: 2, urgency: 1, requesterId: alice, assigneeId: agentA, tags: ['vpn'] });
    await comment(vpn.id, { authorId: agentA, body: 'Looking into it; can you send the client log?', visibility: 'public' });
    await s.tickets.transition(vpn.id, 'start', undefined);
    await s.tickets.transition(vpn.id, 'wait_on_requester', undefined);
    const access = await ticket({ title: 'Access to the finance share', type: 'access', category: 'permissions', impact: 3, urgency: 2, requesterId: bob });
    await s.tickets.transition(access.id, 'open', undefined);
    const outage = await ticket({ title: 'Printer on floor 3 offline', type: 'incident', category: 'printing', impact: 2, urgency: 2, requesterId: dave ?? bob, assigneeId: agentB, assetIds: [] });
    await comment(outage.id, { authorId: agentB, body: 'Replaced the toner and restarted the print server.', visibility: 'public' });
    await s.tickets.transition(outage.id, 'start', undefined);
    await s.tickets.transition(outage.id, 'resolve', undefined);
    const laptopRequest = await ticket({ title: 'New monitor for home office', type: 'service_request', category: 'hardware', impact: 3, urgency: 3, requesterId: carol ?? alice });
    return { created: true, assets: 6, tickets: [vpn.number, access.number, outage.number, laptopRequest.number] };
  });
}
const MARKER_WEBHOOK_URL = 'https://hooks.example.com/backoffice/accounting';

/**
 * Two webhook subscriptions an integrator would set up, created inactive: their example hosts
 * receive nothing until someone points them at a real receiver and sets `active: true`.
 */
async function seedWebhooks(db: TransactionalConnection, pipe: ValidationPipe, subscriptions: WebhookSubscriptionsService): Promise<number> {
  return db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query('SELECT 1 FROM webhook_subscriptions WHERE url = $1', [MARKER_WEBHOOK_URL]);
    if (present.length) return 0;
    const create = async (body: object) => subscriptions.create(await validated(pipe, CreateWebhookSubscriptionDto, body));
    await create({ url: MARKER_WEBHOOK_URL, eventTypes: ['invoicing.invoice.issued'], description: 'Accounting bridge: books every issued invoice', active: false });
    await create({ url: 'https://it.example.com/hooks/backoffice', eventTypes: ['hr.onboarding.started', 'hr.offboarding.started', 'hr.employee.terminated'], description: 'IT provisioning: accounts and laptops for joiners and leavers', active: false });
    return 2;
  });
}

interface ContractServices {
  db: TransactionalConnection;
  pipe: ValidationPipe;
  contracts: ContractsService;
  obligations: ObligationsService;
  billing: BillingService;
}

/** A tiny but valid one-page PDF standing in for a scanned contract. */
function demoPdf(title: string): UploadedFile {
  const text = title.replace(/[()\\]/g, '');
  const content = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n4 0 obj << /Length ${text.length + 30} >> stream\nBT /F1 18 Tf 72 770 Td (${text}) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return new UploadedFile(`${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`, 'application/pdf', content, createHash('sha256').update(content).digest('hex'));
}

/** Contracts in several states: an active customer contract with billing and obligations, one in its notice window, a draft NDA, one in review, a terminated lease. */
async function seedContracts(s: ContractServices, today: string): Promise<{ created: boolean; contracts: string[] }> {
  return s.db.withTransaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const present: unknown[] = await manager.query(`SELECT 1 FROM ctr_contracts WHERE tags @> ARRAY['demo']::text[] LIMIT 1`);
    if (present.length) return { created: false, contracts: [] };
    const [customer] = await manager.query(`SELECT id FROM invc_customers WHERE legal_name = 'Müller Haustechnik GmbH & Co. KG'`);
    const [series] = await manager.query(`SELECT id FROM invc_series WHERE code = $1`, [MARKER_SERIES]);
    const [tax] = await manager.query(`SELECT id FROM invc_tax_categories WHERE code = 'S' AND rate = 19 ORDER BY valid_from DESC LIMIT 1`);
    const owners: { id: string }[] = await manager.query(`SELECT id FROM hr_employees WHERE status = 'active' ORDER BY employee_number LIMIT 2`);
    const v = <T extends object>(dto: new () => T, body: object) => validated(s.pipe, dto, body);
    const signers = [
      { name: 'Amelia Hart', email: 'amelia.hart@acme.example', role: 'Managing director', party: 'internal' },
      { name: 'Jonas Müller', email: 'j.mueller@mueller-haustechnik.example', role: 'Geschäftsführer', party: 'counterparty' },
    ];
    const contract = async (body: object) => s.contracts.create(await v(CreateContractDto, { ownerEmployeeId: owners[0]?.id, signers, ...body, tags: ['demo', ...((body as { tags?: string[] }).tags ?? [])] }));
    const activate = async (id: string, title: string) => {
      await s.contracts.uploadDocument(id, 1, demoPdf(title));
      await s.contracts.submit(id, undefined);
      await s.contracts.approve(id, undefined);
      const c = await s.contracts.get(id);
      for (const signer of c.signers) await s.contracts.sign(id, signer.id, undefined);
    };
    const year = today.slice(0, 4);
    const made: string[] = [];

    let c = await contract({ title: 'Building services maintenance', type: 'service', counterparty: customer ? { kind: 'customer', customerId: customer.id } : { kind: 'party', name: 'Müller Haustechnik GmbH & Co. KG' }, value: '5400.00', currency: 'EUR', paymentTerms: '14 days net', startDate: `${year}-01-01`, termMonths: 12, governingLaw: 'German law', renewalType: 'automatic', renewalTermMonths: 12, noticePeriod: { value: 3, unit: 'months' }, tags: ['facilities'] });
    await activate(c.id, c.title);
    made.push(c.number);
    await s.obligations.create(c.id, await v(CreateObligationDto, { kind: 'obligation', description: 'Quarterly maintenance report', responsibleParty: 'counterparty', dueDate: `${year}-03-31`, recurrence: 'quarterly' }));
    await s.obligations.create(c.id, await v(CreateObligationDto, { kind: 'milestone', description: 'Annual safety inspection of the heating plant', responsibleParty: 'counterparty', dueDate: plusDays(today, 20), amount: '650.00', currency: 'EUR' }));
    if (customer && series && tax) {
      await s.billing.create(c.id, await v(CreateBillingScheduleDto, { amount: '450.00', period: 'monthly', seriesId: series.id, taxCategoryId: tax.id, description: 'Maintenance flat fee', startDate: `${today.slice(0, 7)}-01` }));
      await s.billing.runDue(today);
    }
    await s.contracts.amend(c.id, await v(AmendContractDto, { value: '5940.00', effectiveDate: plusDays(today, 30), summary: 'Second heating plant added to the scope' }), undefined);

    c = await contract({ title: 'Cloud hosting', type: 'supplier', counterparty: { kind: 'party', name: 'Nimbus Hosting B.V.', companyId: 'KvK 12345678', address: { line1: 'Keizersgracht 100', city: 'Amsterdam', postalCode: '1015 AA', countryCode: 'NL' } }, value: '18000.00', currency: 'EUR', startDate: addMonthsKeepingMonthEnd(plusDays(today, 45), -12), endDate: plusDays(today, 45), renewalType: 'manual', renewalTermMonths: 12, noticePeriod: { value: 30, unit: 'days' }, tags: ['it'] });
    await activate(c.id, c.title);
    made.push(c.number);

    c = await contract({ title: 'Mutual NDA, heat pump pilot', type: 'nda', counterparty: { kind: 'party', name: 'ThermoNova AG', companyId: 'CHE-123.456.789' }, startDate: today, termMonths: 24 });
    made.push(c.number);

    c = await contract({ title: 'Office cleaning', type: 'service', counterparty: { kind: 'party', name: 'Glanz Gebäudeservice GmbH' }, value: '9600.00', currency: 'EUR', startDate: plusDays(today, 14), termMonths: 12, renewalType: 'automatic', renewalTermMonths: 12, noticePeriod: { value: 1, unit: 'months' } });
    await s.contracts.submit(c.id, undefined);
    made.push(c.number);

    c = await contract({ title: 'Storage unit lease', type: 'lease', counterparty: { kind: 'party', name: 'Lagerhaus Spree GmbH' }, value: '3600.00', currency: 'EUR', startDate: `${Number(year) - 1}-01-01`, termMonths: 24 });
    await activate(c.id, c.title);
    await s.contracts.terminate(c.id, { terminationDate: plusDays(today, 30), reason: 'Warehouse consolidation' }, undefined);
    made.push(c.number);
    return { created: true, contracts: made };
  });
}

const IMPORT_REQUEST_ID = 'seed-demo-imports';
const DEMO_SUPPLIERS_CSV = `name,contactName,contactEmail,phone,currency,leadTimeDays
Rheinland Verpackung GmbH,Petra Schulz,auftrag@rheinland-verpackung.example,+49 221 555 0100,EUR,5
Nordic Fastening AB,Lars Berg,orders@nordicfastening.example,+46 8 555 0200,SEK,12
Midlands Cable Co. Ltd,Olivia Hughes,sales@midlandscable.example,+44 121 555 0300,GBP,9
`;
const DEMO_DEPARTMENTS_CSV = `code,name,costCenter,parentCode
DEMO-IMP,Import trial department,CC-9900,
DEMO-IMP-A,Import trial team A,CC-9910,DEMO-IMP
`;

/** A committed supplier import and a validated (nothing written) department file, as an integrator would send them. */
async function seedImports(db: TransactionalConnection, imports: ImportsService): Promise<{ created: boolean; suppliers: number }> {
  const present: unknown[] = await db.dataSource.query('SELECT 1 FROM imports WHERE request_id = $1 LIMIT 1', [IMPORT_REQUEST_ID]);
  if (present.length) return { created: false, suppliers: 0 };
  const suppliers = await db.withTransaction(() => imports.run('suppliers', 'commit', Readable.from([DEMO_SUPPLIERS_CSV]), String(Buffer.byteLength(DEMO_SUPPLIERS_CSV))));
  await db.withTransaction(() => imports.run('departments', 'validate', Readable.from([DEMO_DEPARTMENTS_CSV]), String(Buffer.byteLength(DEMO_DEPARTMENTS_CSV))));
  return { created: true, suppliers: suppliers.importedRows };
}

/** A hint for trying the API, only when the key in BOOTSTRAP_ADMIN_KEY is usable (never printed). */
async function keyHint(app: NestFastifyApplication, config: AppConfig): Promise<string | null> {
  if (!config.BOOTSTRAP_ADMIN_KEY) return null;
  const rows: unknown[] = await app
    .get(TransactionalConnection)
    .dataSource.query('SELECT 1 FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hashKey(config.BOOTSTRAP_ADMIN_KEY)]);
  if (!rows.length) return null;
  return `  Try: curl -H "Authorization: Bearer $BOOTSTRAP_ADMIN_KEY" http://localhost:${config.PORT}/hr/org-chart`;
}

function describe(err: unknown): string {
  if (err instanceof ProblemException) {
    const fields = err.errors?.map((f) => `\n    ${f.field}: ${f.message}`).join('') ?? '';
    return `${err.code}: ${err.detail}${fields}`;
  }
  if (err instanceof QueryFailedError) {
    const d = err.driverError as { constraint?: string; detail?: string };
    return `${err.message}${d.constraint ? ` (constraint ${d.constraint})` : ''}${d.detail ? `: ${d.detail}` : ''}`;
  }
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  // Nest's start-up chatter (routes mapped, modules loaded) is noise here; warnings still show.
  const logger: Logger = createRootLogger(['debug', 'trace'].includes(config.LOG_LEVEL) ? config.LOG_LEVEL : 'warn');
  const { url, embedded } = await resolveDatabase(config, (m) => logger.debug({ component: 'embedded-postgres' }, m));
  if (embedded) process.stdout.write(`Using the embedded PostgreSQL under ${config.DATA_DIR} (${embedded.startedHere ? 'started for this run' : 'already running'}).\n`);

  let app: NestFastifyApplication | undefined;
  let exitCode = 0;
  try {
    await runMigrations(url, (m) => process.stdout.write(`${m}\n`));
    app = await createApp({ config: { ...config, JOBS_ENABLED: false }, databaseUrl: url, logger });
    const services: SeedServices = {
      db: app.get(TransactionalConnection),
      departments: app.get(DepartmentsService),
      positions: app.get(PositionsService),
      employees: app.get(EmployeesService),
      calendars: app.get(CalendarsService),
      leaveTypes: app.get(LeaveTypesService),
      leaveLedger: app.get(LeaveLedgerService),
      leaveRequests: app.get(LeaveRequestsService),
      journeys: app.get(JourneysService),
      pipe: createValidationPipe(),
    };
    const referenceYear = Number(todayIn(config.COMPANY_TIME_ZONE).slice(0, 4));
    const store: RequestContextStore = {
      requestId: REQUEST_ID,
      actor: { keyId: null, keyName: 'seed:demo', scopes: new Set(['admin']) },
      afterCommit: [],
    };
    const result = await RequestContext.run(store, () => seedCompany(services, referenceYear));
    if (!result.created) {
      process.stdout.write(`demo company already present (department ${MARKER_DEPARTMENT} exists); nothing changed.\n`);
    } else {
      const e = result.employees;
      const lines = [
        'Demo company created:',
        `  departments  ${result.departments}`,
        `  positions    ${result.positions}`,
        `  employees    ${e.total} (${e.active} active, ${e.onLeave} on leave, ${e.terminated} terminated) in ${result.countries.join(', ')}`,
        `  calendars    ${result.calendars} (one per office, with public holidays); leave types ANNUAL, SICK, UNPAID; ${result.leaveRequests} leave requests; onboarding and offboarding templates`,
        `  audit events ${result.auditEvents}, outbox events ${result.outboxEvents} (request id "${REQUEST_ID}")`,
      ];
      const hint = await keyHint(app, config);
      if (hint) lines.push(hint);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    // Its own transaction: a failure here leaves the HR company (already committed) in place.
    const inventory = await RequestContext.run({ ...store, afterCommit: [] }, () =>
      seedWarehouse(
        {
          db: services.db,
          pipe: services.pipe,
          items: app!.get(ItemsService),
          suppliers: app!.get(SuppliersService),
          warehouses: app!.get(WarehousesService),
          purchaseOrders: app!.get(PurchaseOrdersService),
          ledger: app!.get(StockLedgerService),
          reservations: app!.get(ReservationsService),
        },
        referenceYear,
      ).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo warehouses were not written (the HR company is in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    if (inventory) {
      process.stdout.write(
        inventory.created
          ? `Demo warehouses created: ${inventory.warehouses} warehouses, ${inventory.locations} locations, ${inventory.suppliers} suppliers, ${inventory.items} items, ${inventory.moves} stock moves.\n`
          : `demo warehouses already present (warehouse ${MARKER_WAREHOUSE} exists); nothing changed.\n`,
      );
    }
    const invoicing = await RequestContext.run({ ...store, afterCommit: [] }, () =>
      seedInvoicing({
        db: services.db,
        pipe: services.pipe,
        sellerProfiles: app!.get(SellerProfileService),
        customers: app!.get(CustomersService),
        taxCategories: app!.get(TaxCategoriesService),
        products: app!.get(ProductsService),
        series: app!.get(SeriesService),
        invoices: app!.get(InvoicesService),
        payments: app!.get(PaymentsService),
        creditNotes: app!.get(CreditNotesService),
      }).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo invoices were not written (HR and inventory data are in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    if (invoicing) {
      process.stdout.write(
        invoicing.created
          ? `Demo invoicing created: seller profile, ${invoicing.customers} customers, ${invoicing.products} products, 4 tax categories, issued ${invoicing.issued.join(', ')} (one partly credited and partly paid, one paid, one to a UK buyer reached by its GLN over Peppol) and ${invoicing.drafts} draft.\n`
          : `demo invoicing already present (series ${MARKER_SERIES} exists); nothing changed.\n`,
      );
    }
    const payroll = await RequestContext.run({ ...store, afterCommit: [] }, () =>
      seedPayroll(
        {
          db: services.db,
          pipe: services.pipe,
          ruleSets: app!.get(RuleSetsService),
          schedules: app!.get(PaySchedulesService),
          scheduleAssignments: app!.get(ScheduleAssignmentsService),
          compensation: app!.get(CompensationService),
          ruleSetAssignments: app!.get(RuleSetAssignmentsService),
          components: app!.get(PayComponentsService),
          payRuns: app!.get(PayRunsService),
        },
        referenceYear,
      ).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo payroll was not written (the other demo data is in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    const imported = await RequestContext.run({ ...store, requestId: IMPORT_REQUEST_ID, afterCommit: [] }, () =>
      seedImports(services.db, app!.get(ImportsService)).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo CSV import was not run (the other demo data is in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    const contracts = await RequestContext.run({ ...store, afterCommit: [] }, () =>
      seedContracts(
        { db: services.db, pipe: services.pipe, contracts: app!.get(ContractsService), obligations: app!.get(ObligationsService), billing: app!.get(BillingService) },
        todayIn(config.COMPANY_TIME_ZONE),
      ).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo contracts were not written (the other demo data is in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    const webhooks = await RequestContext.run({ ...store, afterCommit: [] }, () =>
      seedWebhooks(services.db, services.pipe, app!.get(WebhookSubscriptionsService)).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo webhook subscriptions were not written (other demo data is in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    const it = await RequestContext.run({ ...store, afterCommit: [] }, () =>
      seedItDesk({ db: services.db, pipe: services.pipe, desk: app!.get(DeskService), config: app!.get(SlaConfigService), tickets: app!.get(TicketsService), assets: app!.get(AssetsService) }).catch((err: unknown) => {
        process.stderr.write(`seed:demo: the demo IT desk was not written (the other demo data is in place): ${describe(err)}\n`);
        exitCode = 1;
        return null;
      }),
    );
    if (payroll) {
      process.stdout.write(
        payroll.created
          ? `Demo payroll created: schedule ${MARKER_SCHEDULE}, rule set DEMO, components MEAL and UNION, ${payroll.employees} employees paid; pay runs ${payroll.runs.join(', ')}.\n`
          : `demo payroll already present (pay schedule ${MARKER_SCHEDULE} exists); nothing changed.\n`,
      );
    }
    if (it) {
      process.stdout.write(
        it.created
          ? `Demo IT desk created: business calendar, 4 SLA policies, 2 agents, ${it.assets} assets (laptops, phone, monitor, a 10-seat license), tickets ${it.tickets.join(', ')}.\n`
          : `demo IT desk already present (asset ${MARKER_IT_ASSET} exists) or no staff to seed with; nothing changed.\n`,
      );
    }
    if (webhooks !== null) {
      process.stdout.write(
        webhooks
          ? `Demo webhooks created: ${webhooks} inactive subscriptions (point them at your receiver, rotate the secret, set active).\n`
          : `demo webhooks already present (${MARKER_WEBHOOK_URL}); nothing changed.\n`,
      );
    }
    if (contracts) {
      process.stdout.write(
        contracts.created
          ? `Demo contracts created: ${contracts.contracts.join(', ')} (active with billing, obligations and an amendment; in its notice window; draft NDA; in review; terminated lease).\n`
          : 'demo contracts already present (tag demo); nothing changed.\n',
      );
    }
    if (imported) {
      process.stdout.write(
        imported.created
          ? `Demo CSV imports: ${imported.suppliers} suppliers committed from a file, a department file validated (GET /imports).\n`
          : 'demo CSV imports already present; nothing changed.\n',
      );
    }
  } catch (err) {
    process.stderr.write(`seed:demo failed, nothing was written: ${describe(err)}\n`);
    exitCode = 1;
  } finally {
    await app?.close().catch((err: unknown) => process.stderr.write(`closing the app failed: ${String(err)}\n`));
    if (embedded?.startedHere) await embedded.stop().catch((err: unknown) => process.stderr.write(`stopping the embedded PostgreSQL failed: ${String(err)}\n`));
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`seed:demo failed: ${describe(err)}\n`);
    process.exit(1);
  },
);
