import { Platform1764400000000 } from './1764400000000-platform';
import { HrCore1764400001000 } from './1764400001000-hr-core';
import { HrTimeOff1764400002000 } from './1764400002000-hr-time-off';
import { HrShifts1764400003000 } from './1764400003000-hr-shifts';
import { HrTimesheets1764400004000 } from './1764400004000-hr-timesheets';
import { HrJourneys1764400005000 } from './1764400005000-hr-journeys';
import { InventoryLedger1764400100000 } from './1764400100000-inventory-ledger';
import { InventoryReservations1764400100100 } from './1764400100100-inventory-reservations';
import { InventoryCounts1764400100200 } from './1764400100200-inventory-counts';
import { InventoryPurchaseOrders1764400100300 } from './1764400100300-inventory-purchase-orders';
import { InventoryLevelSku1764400100400 } from './1764400100400-inventory-level-sku';
import { PayrollPaySchedules1764400200000 } from './1764400200000-payroll-pay-schedules';
import { PayrollCompensation1764400200100 } from './1764400200100-payroll-compensation';
import { PayrollScheduleAssignments1764400200200 } from './1764400200200-payroll-schedule-assignments';
import { PayrollRuleSets1764400200300 } from './1764400200300-payroll-rule-sets';
import { PayrollComponents1764400200400 } from './1764400200400-payroll-components';
import { PayrollPayRuns1764400200500 } from './1764400200500-payroll-pay-runs';
import { InvoicingCore1764400300000 } from './1764400300000-invoicing-core';
import { ItTickets1764400400000 } from './1764400400000-it-tickets';
import { IntegrationsWebhooks1764400600000 } from './1764400600000-integrations-webhooks';
import { Contracts1764400500000 } from './1764400500000-contracts';
import { InvoicingSettlement1764400300100 } from './1764400300100-invoicing-settlement';
import { IntegrationsImports1764400700000 } from './1764400700000-integrations-imports';
import { InvoicingElectronicAddress1764400800000 } from './1764400800000-invoicing-electronic-address';
import { HrPositionDepartment1764400900000 } from './1764400900000-hr-position-department';

/** Every migration, in order. A new migration is added here as well as in its file. */
export const MIGRATIONS = [
  Platform1764400000000,
  HrCore1764400001000,
  HrTimeOff1764400002000,
  HrShifts1764400003000,
  HrTimesheets1764400004000,
  HrJourneys1764400005000,
  InventoryLedger1764400100000,
  InventoryReservations1764400100100,
  InventoryCounts1764400100200,
  InventoryPurchaseOrders1764400100300,
  PayrollPaySchedules1764400200000,
  PayrollCompensation1764400200100,
  PayrollScheduleAssignments1764400200200,
  PayrollRuleSets1764400200300,
  PayrollComponents1764400200400,
  PayrollPayRuns1764400200500,
  InvoicingCore1764400300000,
  ItTickets1764400400000,
  IntegrationsWebhooks1764400600000,
  Contracts1764400500000,
  InvoicingSettlement1764400300100,
  IntegrationsImports1764400700000,
  InvoicingElectronicAddress1764400800000,
  HrPositionDepartment1764400900000,
  InventoryLevelSku1764400100400,
];
