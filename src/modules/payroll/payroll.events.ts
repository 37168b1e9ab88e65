import { defineEventTypes, JsonSchema } from '../../platform/events/event-types';
import { PAYROLL_CHANGE_EVENT_TOPICS } from './change.events';
import type { PayRunStatus, PayRunType } from './pay-runs/pay-run.entity';

/** Every state change of a pay run carries the same payload (no personal data, only run totals). */
export interface PayRunEventPayload {
  payRunId: string;
  payScheduleId: string;
  type: PayRunType;
  periodStart: string;
  periodEnd: string;
  payDate: string;
  status: PayRunStatus;
  /** Before calculation: 0 and nulls. */
  employeeCount: number;
  currency: string | null;
  gross: string | null;
  net: string | null;
  employerContributions: string | null;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'payroll.pay_run.created': PayRunEventPayload;
    'payroll.pay_run.calculated': PayRunEventPayload;
    'payroll.pay_run.reopened': PayRunEventPayload;
    'payroll.pay_run.approved': PayRunEventPayload;
    'payroll.pay_run.paid': PayRunEventPayload;
    'payroll.pay_run.cancelled': PayRunEventPayload;
  }
}

export const PAYROLL_EVENT_TOPICS = [
  'payroll.pay_run.created',
  'payroll.pay_run.calculated',
  'payroll.pay_run.reopened',
  'payroll.pay_run.approved',
  'payroll.pay_run.paid',
  'payroll.pay_run.cancelled',
  ...PAYROLL_CHANGE_EVENT_TOPICS,
] as const;

/** Run totals: sums rounded to the currency's minor unit (the pay run's `COMPUTED_AMOUNT`). */
const nullableDecimal = { type: ['string', 'null'], pattern: '^-?\\d{1,36}(\\.\\d{1,4})?$', maxLength: 42 };
const PAY_RUN_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    payRunId: { type: 'string', format: 'uuid', maxLength: 36 },
    payScheduleId: { type: 'string', format: 'uuid', maxLength: 36 },
    type: { type: 'string', enum: ['regular', 'off_cycle'] },
    periodStart: { type: 'string', format: 'date', maxLength: 10 },
    periodEnd: { type: 'string', format: 'date', maxLength: 10 },
    payDate: { type: 'string', format: 'date', maxLength: 10 },
    status: { type: 'string', enum: ['draft', 'calculated', 'approved', 'paid', 'cancelled'] },
    employeeCount: { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 },
    currency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 },
    gross: nullableDecimal,
    net: nullableDecimal,
    employerContributions: nullableDecimal,
  },
  required: ['payRunId', 'payScheduleId', 'type', 'periodStart', 'periodEnd', 'payDate', 'status', 'employeeCount', 'currency', 'gross', 'net', 'employerContributions'],
  additionalProperties: false,
};

const payRun = (description: string) => ({ description, aggregateType: 'pay_run', schema: PAY_RUN_SCHEMA });

defineEventTypes({
  'payroll.pay_run.created': payRun('A pay run was created as a draft (regular for a schedule period, or off-cycle).'),
  'payroll.pay_run.calculated': payRun('A pay run was calculated or re-calculated; its payslips were replaced.'),
  'payroll.pay_run.reopened': payRun('An input of a calculated pay run changed; it is a draft again and must be re-calculated.'),
  'payroll.pay_run.approved': payRun('A pay run was approved; its payslips are locked for good.'),
  'payroll.pay_run.paid': payRun('An approved pay run was recorded as paid.'),
  'payroll.pay_run.cancelled': payRun('A pay run that was not approved was cancelled.'),
});
