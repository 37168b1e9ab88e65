import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { NotFoundProblem } from '../../../platform/http/problem';
import { HrFacade } from '../../hr';
import { calculatePayslip, CalculatorError } from '../calculator/gross-to-net';
import { CompensationService, toCompensationTerm } from '../compensation/compensation.service';
import { periodContaining, PERIODS_PER_YEAR } from '../pay-schedules/pay-periods';
import { PaySchedule } from '../pay-schedules/pay-schedule.entity';
import { toScheduleRule } from '../pay-schedules/pay-schedules.service';
import { ScheduleAssignment } from '../pay-schedules/schedule-assignment.entity';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { RuleSetVersion } from '../rule-sets/rule-set.entity';
import { PayslipPreviewDto, PreviewPayslipDto } from './dto/preview.dto';

/** Computes one payslip from the stored configuration without saving anything. */
@Injectable()
export class PreviewService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly hr: HrFacade,
    private readonly compensation: CompensationService,
  ) {}

  async preview(input: PreviewPayslipDto): Promise<PayslipPreviewDto> {
    const employee = await this.hr.findEmployee(input.employeeId);
    if (!employee) throw new NotFoundProblem('Employee', input.employeeId);
    const assignment = await this.db.getRepository(ScheduleAssignment).findOneBy({ employeeId: input.employeeId });
    if (!assignment) throw new PayrollException(PayrollErrorCode.NoPaySchedule, 'The employee is on no pay schedule.', {}, 'employeeId');
    const schedule = (await this.db.findById(PaySchedule, assignment.payScheduleId))!;
    const rule = toScheduleRule(schedule);
    const period = periodContaining(rule, input.date);
    const ruleSet = await this.db
      .getRepository(RuleSetVersion)
      .createQueryBuilder('r')
      .where('r.code = :code AND r.valid_from <= :end', { code: input.ruleSetCode, end: period.end })
      .orderBy('r.valid_from', 'DESC')
      .getOne();
    if (!ruleSet) throw new PayrollException(PayrollErrorCode.NoRuleSet, `No version of ${input.ruleSetCode} is valid on ${period.end}.`, {}, 'ruleSetCode');
    const terms = (await this.compensation.terms(input.employeeId)).map(toCompensationTerm);
    try {
      const slip = calculatePayslip({
        period: { start: period.start, end: period.end, periodsPerYear: PERIODS_PER_YEAR[schedule.frequency] },
        employment: { hireDate: employee.hireDate, terminationDate: employee.terminationDate },
        prorationMethod: input.prorationMethod ?? 'calendar_days',
        compensation: terms,
        unpaidDays: input.unpaidDays ?? [],
        hours: input.hours ?? [],
        components: [],
        ruleSet: { code: ruleSet.code, validFrom: ruleSet.validFrom, taxAllowance: ruleSet.taxAllowance, taxBrackets: ruleSet.taxBrackets, contributions: ruleSet.contributions },
      });
      return { employeeId: input.employeeId, period, ruleSet: { code: ruleSet.code, validFrom: ruleSet.validFrom }, lines: slip.lines, totals: slip.totals };
    } catch (e) {
      if (e instanceof CalculatorError) throw new PayrollException(PayrollErrorCode.CannotCalculate, e.message, { reason: e.code });
      throw e;
    }
  }
}
