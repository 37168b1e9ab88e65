import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { MoneyDecimal } from '../../../platform/money/money';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { HR_SENSITIVE, HrFacade } from '../../hr';
import { addDays } from '../calendar-days';
import { CompensationTerm } from '../calculator/gross-to-net';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { Compensation } from './compensation.entity';
import { CompensationDto, CompensationHistoryDto, CompensationQuery, CreateCompensationDto, MAX_COMPENSATION_TERMS } from './dto/compensation.dto';

/** An employee's pay history is short; this bounds a response all the same. */
const MAX_HISTORY = MAX_COMPENSATION_TERMS;
const SENSITIVE_FIELDS = ['amount'];

function toDto(c: Compensation, next: Compensation | undefined): CompensationDto {
  return {
    id: c.id,
    employeeId: c.employeeId,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: next ? addDays(next.effectiveFrom, -1) : null,
    basis: c.basis,
    amount: c.amount,
    currency: c.currency,
    overtimeMultiplier: c.overtimeMultiplier,
    nightPremiumRate: c.nightPremiumRate,
    holidayPremiumRate: c.holidayPremiumRate,
    standardHoursPerYear: c.standardHoursPerYear,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The calculator's view of a stored term; numeric padding ("20.0000") is dropped so explanations read "20". */
export function toCompensationTerm(c: Compensation): CompensationTerm {
  const plain = (v: string) => new MoneyDecimal(v).toString();
  return {
    effectiveFrom: c.effectiveFrom,
    basis: c.basis,
    amount: plain(c.amount),
    currency: c.currency,
    overtimeMultiplier: plain(c.overtimeMultiplier),
    nightPremiumRate: plain(c.nightPremiumRate),
    holidayPremiumRate: plain(c.holidayPremiumRate),
    standardHoursPerYear: plain(c.standardHoursPerYear),
  };
}

@Injectable()
export class CompensationService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.db.getRepository(Compensation);
  }

  async create(employeeId: string, input: CreateCompensationDto): Promise<CompensationDto> {
    return this.db.withTransaction(async () => {
      const employee = await this.hr.findEmployee(employeeId);
      if (!employee) throw new NotFoundProblem('Employee', employeeId);
      if (input.effectiveFrom < employee.hireDate) {
        throw new PayrollException(PayrollErrorCode.BeforeHire, `The employee was hired on ${employee.hireDate}.`, { hireDate: employee.hireDate }, 'effectiveFrom');
      }
      // The history lists every term: its length is capped here, one writer per employee at a time.
      await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('payroll.compensation:' || $1, 0))`, [employeeId]);
      const [{ n }] = await this.db.manager.query(`SELECT count(*)::int AS n FROM payroll_compensations WHERE employee_id = $1`, [employeeId]);
      if (n >= MAX_COMPENSATION_TERMS) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `An employee has at most ${MAX_COMPENSATION_TERMS} compensation terms.`, {}, [
          { field: 'effectiveFrom', message: `the employee already has ${MAX_COMPENSATION_TERMS} compensation terms` },
        ]);
      }
      const c = this.repo.create({
        id: newId(),
        employeeId,
        effectiveFrom: input.effectiveFrom,
        basis: input.basis,
        amount: input.amount,
        currency: input.currency,
        overtimeMultiplier: input.overtimeMultiplier ?? '1.5',
        nightPremiumRate: input.nightPremiumRate ?? '0',
        holidayPremiumRate: input.holidayPremiumRate ?? '0',
        standardHoursPerYear: input.standardHoursPerYear ?? '2080',
        createdAt: new Date(),
      });
      await this.repo.insert(c);
      const saved = (await this.repo.findOneBy({ id: c.id }))!;
      const { id: _id, createdAt: _createdAt, ...after } = saved;
      await this.audit.record({ action: 'payroll.compensation.created', entityType: 'compensation', entityId: c.id, before: null, after, sensitiveFields: SENSITIVE_FIELDS, sensitiveScope: HR_SENSITIVE });
      // Pay is sensitive: the event names the term, never its amount or rates.
      await this.events.publish('payroll.compensation.created', { type: 'compensation', id: c.id }, { compensationId: c.id, employeeId, effectiveFrom: saved.effectiveFrom });
      const next = await this.repo.createQueryBuilder('c').where('c.employee_id = :employeeId AND c.effective_from > :from', { employeeId, from: c.effectiveFrom }).orderBy('c.effective_from', 'ASC').getOne();
      return toDto(saved, next ?? undefined);
    });
  }

  async history(employeeId: string, query: CompensationQuery): Promise<CompensationHistoryDto> {
    if (!(await this.hr.findEmployee(employeeId))) throw new NotFoundProblem('Employee', employeeId);
    const asOf = query.asOf ?? todayIn(this.config.COMPANY_TIME_ZONE);
    const rows = await this.terms(employeeId);
    const dtos = rows.map((c, i) => toDto(c, rows[i + 1]));
    const current = [...dtos].reverse().find((c) => c.effectiveFrom <= asOf) ?? null;
    return { asOf, current, history: dtos.reverse() };
  }

  /** Every term of an employee, oldest first. */
  async terms(employeeId: string): Promise<Compensation[]> {
    return this.repo.createQueryBuilder('c').where('c.employee_id = :employeeId', { employeeId }).orderBy('c.effective_from', 'ASC').limit(MAX_HISTORY).getMany();
  }
}
