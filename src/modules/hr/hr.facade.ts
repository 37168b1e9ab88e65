import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';
import { Employee, EmployeeStatus } from './employees/employee.entity';
import { JourneysService } from './journeys/journeys.service';
import { LeaveRequestsService } from './leave/leave-requests.service';
import { ApprovedTimesheet, TimesheetsService } from './timesheets/timesheets.service';
import { Inject } from '@nestjs/common';
import { DepartmentsService } from './departments/departments.service';
import { CreateDepartmentDto, DepartmentDto } from './departments/dto/department.dto';
import { CreateEmployeeDto, EmployeeDto } from './employees/dto/employee.dto';
import { EmployeesService } from './employees/employees.service';

export type { ApprovedTimesheet };

/** Approved working time of an employee in a period, as payroll reads it. */
export interface ApprovedTime {
  employeeId: string;
  periodStart: string;
  periodEnd: string;
  /** Approved or locked timesheets lying inside the period. */
  timesheets: ApprovedTimesheet[];
  regularMinutes: number;
  overtimeMinutes: number;
  nightMinutes: number;
  holidayMinutes: number;
}

/** Approved unpaid leave of one leave type inside a period (working days or hours of the employee's calendar). */
export interface UnpaidLeaveSummary {
  leaveTypeId: string;
  code: string;
  unit: string;
  /** Decimal string in `unit`. */
  amount: string;
}

/** Approved timesheet totals of one employee over the timesheets lying inside a period (set-wise read). */
export interface ApprovedTimeTotals {
  employeeId: string;
  /** The last day of the latest approved timesheet in the period. */
  lastDay: string;
  regularMinutes: number;
  overtimeMinutes: number;
  nightMinutes: number;
  holidayMinutes: number;
}

/** One day of approved unpaid leave (leave types counted in days), clipped to the period asked for. */
export interface UnpaidLeaveDay {
  employeeId: string;
  date: string;
  /** 1 for a whole day, 0.5 for a half day. */
  fraction: '1' | '0.5';
}

/** Bank details for a payment file; sensitive (IBAN), so only for callers entitled to them. */
export interface EmployeeBankDetails {
  employeeId: string;
  employeeNumber: string;
  name: string;
  iban: string | null;
}

/** What other modules may know about an employee (no sensitive fields). */
export interface EmployeeSummary {
  id: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  workEmail: string;
  status: EmployeeStatus;
  hireDate: string;
  terminationDate: string | null;
  departmentId: string | null;
  positionId: string | null;
  managerId: string | null;
  country: string | null;
}

const summary = (e: Employee): EmployeeSummary => ({
  id: e.id,
  employeeNumber: e.employeeNumber,
  firstName: e.firstName,
  lastName: e.lastName,
  workEmail: e.workEmail,
  status: e.status,
  hireDate: e.hireDate,
  terminationDate: e.terminationDate,
  departmentId: e.departmentId,
  positionId: e.positionId,
  managerId: e.managerId,
  country: e.country,
});

/**
 * The HR module's front door for payroll, IT tickets and contracts. Calls join the caller's
 * transaction (repositories come from the request context).
 */
@Injectable()
export class HrFacade {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly leave: LeaveRequestsService,
    private readonly timesheets: TimesheetsService,
    private readonly journeys: JourneysService,
  ) {}

  /**
   * For the IT and contracts modules: marks an `it_ticket` or `contract` task of an onboarding
   * or offboarding journey done (joining the caller's transaction). Completing a done task is a
   * no-op, so redelivered events are harmless.
   */
  async completeJourneyTask(journeyId: string, taskId: string, note?: string): Promise<void> {
    await this.journeys.completeTaskIfOpen(journeyId, taskId, note);
  }

  /**
   * Approved (or locked) timesheets inside the period and their totals. Night and holiday
   * minutes are part of regular or overtime minutes, not in addition to them.
   */
  async approvedTime(employeeId: string, periodStart: string, periodEnd: string): Promise<ApprovedTime> {
    const timesheets = await this.timesheets.approvedTime(employeeId, periodStart, periodEnd);
    const sum = (k: 'regularMinutes' | 'overtimeMinutes' | 'nightMinutes' | 'holidayMinutes') => timesheets.reduce((s, t) => s + t[k], 0);
    return { employeeId, periodStart, periodEnd, timesheets, regularMinutes: sum('regularMinutes'), overtimeMinutes: sum('overtimeMinutes'), nightMinutes: sum('nightMinutes'), holidayMinutes: sum('holidayMinutes') };
  }

  /** Approved unpaid leave between two dates (both included), per leave type, for payroll. */
  async unpaidLeave(employeeId: string, periodStart: string, periodEnd: string): Promise<UnpaidLeaveSummary[]> {
    return this.leave.unpaidLeave(employeeId, periodStart, periodEnd);
  }

  /**
   * Approved (or locked) timesheet totals inside a period for many employees in one query.
   * Night and holiday minutes are part of regular or overtime minutes, not in addition to them.
   */
  async approvedTimeForEmployees(employeeIds: string[], periodStart: string, periodEnd: string): Promise<ApprovedTimeTotals[]> {
    if (!employeeIds.length) return [];
    const rows: Array<{ employee_id: string; last_day: string; regular: string; overtime: string; night: string; holiday: string }> = await this.db.manager.query(
      `SELECT employee_id, max(period_end)::text AS last_day,
              sum(regular_minutes)::text AS regular, sum(overtime_minutes)::text AS overtime,
              sum(night_minutes)::text AS night, sum(holiday_minutes)::text AS holiday
         FROM hr_timesheets
        WHERE employee_id = ANY($1::uuid[]) AND status IN ('approved', 'locked') AND period_start >= $2 AND period_end <= $3
        GROUP BY employee_id ORDER BY employee_id`,
      [employeeIds, periodStart, periodEnd],
    );
    return rows.map((r) => ({
      employeeId: r.employee_id,
      lastDay: r.last_day,
      regularMinutes: Number(r.regular ?? 0),
      overtimeMinutes: Number(r.overtime ?? 0),
      nightMinutes: Number(r.night ?? 0),
      holidayMinutes: Number(r.holiday ?? 0),
    }));
  }

  /**
   * Approved unpaid leave (leave types counted in days) of many employees inside a period, in one
   * query: each Monday-to-Friday day of a request, clipped to the period; half days say so.
   */
  async unpaidLeaveDays(employeeIds: string[], periodStart: string, periodEnd: string): Promise<UnpaidLeaveDay[]> {
    if (!employeeIds.length) return [];
    const rows: Array<{ employee_id: string; day: string; fraction: '1' | '0.5' }> = await this.db.manager.query(
      `SELECT r.employee_id, d::date::text AS day,
              CASE WHEN (d::date = r.start_date AND r.half_day_start) OR (d::date = r.end_date AND r.half_day_end) THEN '0.5' ELSE '1' END AS fraction
         FROM hr_leave_requests r
         JOIN hr_leave_types t ON t.id = r.leave_type_id
         CROSS JOIN LATERAL generate_series(greatest(r.start_date, $2::date), least(r.end_date, $3::date), interval '1 day') AS d
        WHERE r.employee_id = ANY($1::uuid[]) AND r.status = 'approved' AND NOT t.paid AND t.unit = 'days'
          AND r.start_date <= $3 AND r.end_date >= $2 AND extract(isodow FROM d) < 6
        ORDER BY r.employee_id, day`,
      [employeeIds, periodStart, periodEnd],
    );
    return rows.map((r) => ({ employeeId: r.employee_id, date: r.day, fraction: r.fraction }));
  }

  /** Names and IBANs for a payment file, one query. The caller must hold a scope that entitles it to bank details. */
  async bankDetails(employeeIds: string[]): Promise<EmployeeBankDetails[]> {
    if (!employeeIds.length) return [];
    const rows = await this.db.getRepository(Employee).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids: employeeIds }).orderBy('e.id').getMany();
    return rows.map((e) => ({ employeeId: e.id, employeeNumber: e.employeeNumber, name: `${e.firstName} ${e.lastName}`, iban: e.iban }));
  }

  async findEmployee(id: string): Promise<EmployeeSummary | null> {
    const e = await this.db.getRepository(Employee).findOneBy({ id });
    return e ? summary(e) : null;
  }

  async findEmployees(ids: string[]): Promise<EmployeeSummary[]> {
    if (!ids.length) return [];
    const rows = await this.db.getRepository(Employee).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).getMany();
    return rows.map(summary);
  }

  // For CSV imports (integrations). Injected as properties so the constructor above stays as it is.
  @Inject(DepartmentsService) private readonly departmentsForImport!: DepartmentsService;
  @Inject(EmployeesService) private readonly employeesForImport!: EmployeesService;

  /** Creates a department exactly as `POST /hr/departments` does (audit event), joining the caller's transaction. */
  createDepartment(input: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departmentsForImport.create(input);
  }

  /** Department ids by code, for the codes that exist (one query; sees the caller's uncommitted rows). */
  async departmentIdsByCode(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows: Array<{ id: string; code: string }> = await this.db.manager.query('SELECT id, code FROM hr_departments WHERE code = ANY($1::text[])', [codes]);
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Hires an employee exactly as `POST /hr/employees` does (audit and `hr.employee.hired`), joining the caller's transaction. */
  hireEmployee(input: CreateEmployeeDto): Promise<EmployeeDto> {
    return this.employeesForImport.hire(input);
  }

  // ---- Reports (read by integrations/reports; every figure aggregated in SQL) ----

  /**
   * Headcount at each month end, hires and leavers in each month, per current department, for the
   * months from `fromMonth` to `toMonth` (first days of months, `YYYY-MM-01`). An employee counts at
   * a month end when hired on or before it and their termination date (their last day) is not
   * before it. Departments are the employee's current one (HR keeps no department history).
   */
  async headcountByMonth(fromMonth: string, toMonth: string): Promise<HeadcountRow[]> {
    const rows: Array<Record<string, string | null>> = await this.db.manager.query(
      `WITH months AS (
         SELECT m::date AS month_start, (m + interval '1 month')::date - 1 AS month_end
           FROM generate_series($1::date, $2::date, interval '1 month') m
       )
       SELECT to_char(mo.month_start, 'YYYY-MM') AS month, d.id AS department_id, d.code, d.name,
              count(*) FILTER (WHERE e.hire_date <= mo.month_end AND (e.termination_date IS NULL OR e.termination_date >= mo.month_end)) AS headcount,
              count(*) FILTER (WHERE e.hire_date >= mo.month_start) AS hires,
              count(*) FILTER (WHERE e.termination_date <= mo.month_end) AS leavers
         FROM months mo
         JOIN hr_employees e ON e.hire_date <= mo.month_end AND (e.termination_date IS NULL OR e.termination_date >= mo.month_start)
         LEFT JOIN hr_departments d ON d.id = e.department_id
        GROUP BY mo.month_start, d.id, d.code, d.name
        ORDER BY mo.month_start, d.code NULLS LAST`,
      [fromMonth, toMonth],
    );
    return rows.map((r) => ({
      month: r.month!,
      departmentId: r.department_id,
      departmentCode: r.code,
      departmentName: r.name,
      headcount: Number(r.headcount),
      hires: Number(r.hires),
      leavers: Number(r.leavers),
    }));
  }

  /** The current department of each of these employees (set-wise; unknown ids are left out). */
  async departmentsOf(employeeIds: string[]): Promise<EmployeeDepartment[]> {
    if (!employeeIds.length) return [];
    const rows: Array<Record<string, string | null>> = await this.db.manager.query(
      `SELECT e.id, d.id AS department_id, d.code, d.name
         FROM hr_employees e LEFT JOIN hr_departments d ON d.id = e.department_id
        WHERE e.id = ANY($1::uuid[])`,
      [employeeIds],
    );
    return rows.map((r) => ({ employeeId: r.id!, departmentId: r.department_id, departmentCode: r.code, departmentName: r.name }));
  }

  /** Headcount today, hires and leavers in the month of `today` (one query). */
  async headcountToday(today: string): Promise<{ headcount: number; hiresThisMonth: number; leaversThisMonth: number }> {
    const [r]: Array<Record<string, string>> = await this.db.manager.query(
      `SELECT count(*) FILTER (WHERE hire_date <= $1::date AND (termination_date IS NULL OR termination_date >= $1::date)) AS headcount,
              count(*) FILTER (WHERE hire_date >= date_trunc('month', $1::date)::date AND hire_date <= $1::date) AS hires,
              count(*) FILTER (WHERE termination_date >= date_trunc('month', $1::date)::date AND termination_date < $1::date) AS leavers
         FROM hr_employees
        WHERE termination_date IS NULL OR termination_date >= date_trunc('month', $1::date)::date`,
      [today],
    );
    return { headcount: Number(r.headcount), hiresThisMonth: Number(r.hires), leaversThisMonth: Number(r.leavers) };
  }
}

/** One department in one month of the headcount report (department null: employees without one). */
export interface HeadcountRow {
  month: string;
  departmentId: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  headcount: number;
  hires: number;
  leavers: number;
}

export interface EmployeeDepartment {
  employeeId: string;
  departmentId: string | null;
  departmentCode: string | null;
  departmentName: string | null;
}
