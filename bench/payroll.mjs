#!/usr/bin/env node
// `npm run bench:payroll`: calculate and store a pay run for 10,000 employees through the API
// (POST /payroll/pay-runs/{id}/calculate, which replaces the previous calculation), beside a floor
// measured in the same run on the same database: inserting the same number of payslip and line
// rows in batches of 1,000 employees, in one transaction, with the same bulk statements. Reports the
// ratio (target: at most 4×); exits non-zero only when a request fails or the counts disagree.
//
// Env knobs: BENCH_EMPLOYEES (10000), BENCH_ROUNDS (3 timed calculations and floors after one
// warm-up each), DB_POOL_SIZE (10), BENCH_DATABASE_URL (use that server; a scratch database is
// created on it and dropped afterwards).
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  apiRequester, exitWith, installExitHandlers, intEnv, logger, median, newApiKey, prepareDatabase, RESULTS_DIR, runMain, startApi,
} from './lib.mjs';

const API_KEY = newApiKey();

const S = {
  employees: intEnv('BENCH_EMPLOYEES', 10_000, 100, 200_000),
  rounds: intEnv('BENCH_ROUNDS', 3, 1, 50),
  batch: 1000,
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
};
const TARGET_RATIO = 4;

const log = logger('bench:payroll');
installExitHandlers(log);

/**
 * A company of S.employees on one monthly schedule: 80 % salaried (annual salaries spread between
 * 30,000 and 90,000), 20 % hourly with an approved timesheet; 5 % took two days of unpaid leave;
 * a meal allowance for everyone, a savings plan for every tenth; one rule set with brackets and two
 * capped contributions. Loaded with set-wise SQL (the bench measures the calculation, not the load).
 */
async function loadCompany(db) {
  await db.query(`
    INSERT INTO hr_employees (id, first_name, last_name, work_email, hire_date, employment_type, status, iban)
    SELECT gen_random_uuid(), 'First' || i, 'Last' || i, 'bench' || i || '@example.com',
           CASE WHEN i % 50 = 0 THEN '2026-03-16'::date ELSE '2020-01-01'::date END, 'full_time', 'active', 'DE89370400440532013000'
      FROM generate_series(1, ${S.employees}) i;
    UPDATE hr_employees SET status = 'terminated', termination_date = '2026-03-10' WHERE (substring(first_name from 6))::int % 50 = 25;
    CREATE TEMP TABLE bench_emp AS SELECT (substring(first_name from 6))::int AS n, id, hire_date FROM hr_employees;
    INSERT INTO payroll_pay_schedules (id, code, name, frequency, pay_date_rule) VALUES (gen_random_uuid(), 'BENCH', 'Monthly', 'monthly', 'last_working_day');
    INSERT INTO payroll_rule_sets (id, code, valid_from, name, tax_allowance, tax_brackets, contributions)
    VALUES (gen_random_uuid(), 'BENCH', '2026-01-01', 'Bench rules', 1000,
            '[{"threshold":"0","rate":"0.10"},{"threshold":"2000","rate":"0.20"},{"threshold":"6000","rate":"0.35"}]',
            '[{"code":"PENSION","name":"Pension","base":"gross","employeeRate":"0.05","employerRate":"0.08","lowerThreshold":"500","upperCap":"6000"},
              {"code":"HEALTH","name":"Health","base":"taxable_gross","employeeRate":"0.04","employerRate":"0.04","lowerThreshold":"0","upperCap":null}]');
    INSERT INTO payroll_schedule_assignments (employee_id, pay_schedule_id) SELECT e.id, s.id FROM bench_emp e, payroll_pay_schedules s;
    INSERT INTO payroll_rule_set_assignments (id, employee_id, effective_from, rule_set_code) SELECT gen_random_uuid(), id, '2020-01-01', 'BENCH' FROM bench_emp;
    INSERT INTO payroll_compensations (id, employee_id, effective_from, basis, amount, currency, overtime_multiplier, night_premium_rate, holiday_premium_rate, standard_hours_per_year)
    SELECT gen_random_uuid(), id, hire_date, CASE WHEN n % 5 = 0 THEN 'hourly' ELSE 'annual_salary' END,
           CASE WHEN n % 5 = 0 THEN 15 + n % 20 ELSE 30000 + (n * 37) % 60000 END, 'EUR', 1.5, 0.25, 1, 2080
      FROM bench_emp;
    INSERT INTO hr_timesheets (id, employee_id, period_start, period_end, status, regular_minutes, overtime_minutes, night_minutes, holiday_minutes, approved_at)
    SELECT gen_random_uuid(), id, '2026-03-02'::date, '2026-03-08'::date, 'approved', 2400, 60 * (n % 4), 120, 0, now() FROM bench_emp WHERE n % 5 = 0
    UNION ALL
    SELECT gen_random_uuid(), id, '2026-03-09'::date, '2026-03-29'::date, 'approved', 7200, 0, 0, 480, now() FROM bench_emp WHERE n % 5 = 0;
    INSERT INTO hr_leave_types (id, code, name, paid, unit, half_days_allowed, accrual_policy, allow_negative, approver)
    VALUES (gen_random_uuid(), 'UNPAID', 'Unpaid', false, 'days', false, 'none', true, 'manager');
    INSERT INTO hr_leave_requests (id, employee_id, leave_type_id, start_date, end_date, amount, unit, status)
    SELECT gen_random_uuid(), e.id, t.id, '2026-03-05', '2026-03-06', 2, 'days', 'approved' FROM bench_emp e, hr_leave_types t WHERE e.n % 20 = 3;
    INSERT INTO payroll_pay_components (id, code, name, kind, taxable, calculation_type, amount, rate, base, gl_account)
    VALUES (gen_random_uuid(), 'MEAL', 'Meal allowance', 'earning', false, 'fixed', 100, NULL, NULL, '6010'),
           (gen_random_uuid(), 'SAVINGS', 'Savings plan', 'pre_tax_deduction', false, 'percentage', NULL, 0.03, 'gross', '2320');
    INSERT INTO payroll_component_assignments (id, pay_component_id, pay_schedule_id, effective_from)
    SELECT gen_random_uuid(), c.id, s.id, '2020-01-01' FROM payroll_pay_components c, payroll_pay_schedules s WHERE c.code = 'MEAL';
    INSERT INTO payroll_component_assignments (id, pay_component_id, employee_id, effective_from)
    SELECT gen_random_uuid(), c.id, e.id, '2020-01-01' FROM payroll_pay_components c, bench_emp e WHERE c.code = 'SAVINGS' AND e.n % 10 = 1;
  `);
  await db.query('VACUUM (ANALYZE)');
  const { rows: [{ id }] } = await db.query(`SELECT id FROM payroll_pay_schedules WHERE code = 'BENCH'`);
  return id;
}

let failures = 0;
const api = apiRequester(API_KEY, { onFail: () => failures++ });

const INSERT_PAYSLIPS = `INSERT INTO payroll_payslips (id, pay_run_id, employee_id, employee_number, employee_name, period_start, period_end, pay_date, currency,
    rule_set_code, rule_set_valid_from, gross, taxable_gross, pre_tax_deductions, taxes, post_tax_deductions, net, employer_contributions)
  SELECT id, pay_run_id, employee_id, employee_number, employee_name, period_start, period_end, pay_date, currency,
    rule_set_code, rule_set_valid_from, gross, taxable_gross, pre_tax_deductions, taxes, post_tax_deductions, net, employer_contributions
  FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, pay_run_id uuid, employee_id uuid, employee_number text, employee_name text, period_start date,
    period_end date, pay_date date, currency text, rule_set_code text, rule_set_valid_from date, gross numeric, taxable_gross numeric,
    pre_tax_deductions numeric, taxes numeric, post_tax_deductions numeric, net numeric, employer_contributions numeric)`;
const INSERT_LINES = `INSERT INTO payroll_payslip_lines (payslip_id, line_no, code, name, kind, amount, ytd_amount, explanation, detail)
  SELECT payslip_id, line_no, code, name, kind, amount, ytd_amount, explanation, detail
  FROM jsonb_to_recordset($1::jsonb) AS x(payslip_id uuid, line_no int, code text, name text, kind text, amount numeric, ytd_amount numeric, explanation text, detail jsonb)`;

/**
 * The floor: the rows the API stored, read back once, inserted again under new payslip ids into a
 * scratch draft run, 1,000 payslips (and their lines) per statement pair, in one transaction that is
 * rolled back. It is what storing the result costs, with nothing computed or read.
 */
async function floor(db, payslips, linesBySlip, scratchRunId) {
  const t0 = performance.now();
  await db.query('BEGIN');
  try {
    for (let i = 0; i < payslips.length; i += S.batch) {
      const slips = payslips.slice(i, i + S.batch).map((p) => ({ ...p, id: randomUUID(), pay_run_id: scratchRunId, old: p.id }));
      const lines = slips.flatMap((p) => linesBySlip.get(p.old).map((l) => ({ ...l, payslip_id: p.id })));
      await db.query(INSERT_PAYSLIPS, [JSON.stringify(slips)]);
      await db.query(INSERT_LINES, [JSON.stringify(lines)]);
    }
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
  const ms = performance.now() - t0;
  await db.query('DELETE FROM payroll_payslips WHERE pay_run_id = $1', [scratchRunId]);
  return ms;
}

async function main() {
  const started = Date.now();
  const { dbUrl, client: db } = await prepareDatabase(log, { tag: 'pay' });
  const scheduleId = await loadCompany(db);
  const { url: base } = await startApi('payroll-api', dbUrl, API_KEY, { DB_POOL_SIZE: String(S.poolSize) });
  log(`loaded ${S.employees} employees; API on ${base}`);

  const run = await api(base, 'POST', '/payroll/pay-runs', { payScheduleId: scheduleId, periodStart: '2026-03-01' });
  const scratch = await api(base, 'POST', '/payroll/pay-runs', { payScheduleId: scheduleId, type: 'off_cycle', periodStart: '2026-03-01', periodEnd: '2026-03-31', payDate: '2026-03-31', reason: 'bench floor' });
  const calculate = async () => {
    const t0 = performance.now();
    const r = await api(base, 'POST', `/payroll/pay-runs/${run.id}/calculate`);
    return { ms: performance.now() - t0, run: r };
  };
  log('warm-up calculation…');
  const warm = await calculate();
  const { rows: payslips } = await db.query('SELECT * FROM payroll_payslips WHERE pay_run_id = $1 ORDER BY id', [run.id]);
  const { rows: lines } = await db.query('SELECT l.* FROM payroll_payslip_lines l JOIN payroll_payslips p ON p.id = l.payslip_id WHERE p.pay_run_id = $1', [run.id]);
  const linesBySlip = new Map();
  for (const l of lines) linesBySlip.set(l.payslip_id, [...(linesBySlip.get(l.payslip_id) ?? []), l]);
  log(`${payslips.length} payslips, ${lines.length} lines (warm-up ${(warm.ms / 1000).toFixed(2)} s)`);
  if (payslips.length !== warm.run.employeeCount) {
    failures++;
    log(`count mismatch: run says ${warm.run.employeeCount}, table has ${payslips.length}`);
  }
  await floor(db, payslips, linesBySlip, scratch.id); // warm-up

  const apiMs = [];
  const floorMs = [];
  for (let r = 0; r < S.rounds; r++) {
    // alternate the order so neither side always runs on a warmer cache
    if (r % 2 === 0) {
      apiMs.push((await calculate()).ms);
      floorMs.push(await floor(db, payslips, linesBySlip, scratch.id));
    } else {
      floorMs.push(await floor(db, payslips, linesBySlip, scratch.id));
      apiMs.push((await calculate()).ms);
    }
    log(`round ${r + 1}: calculate ${(apiMs[r] / 1000).toFixed(2)} s, floor ${(floorMs[r] / 1000).toFixed(2)} s`);
  }
  const apiMedian = median(apiMs);
  const floorMedian = median(floorMs);
  const ratio = apiMedian / floorMedian;
  const summary = {
    employees: S.employees,
    payslips: payslips.length,
    lines: lines.length,
    rounds: S.rounds,
    calculateMs: apiMs.map(Math.round),
    floorMs: floorMs.map(Math.round),
    calculateMedianMs: Math.round(apiMedian),
    floorMedianMs: Math.round(floorMedian),
    ratio: Number(ratio.toFixed(2)),
    target: TARGET_RATIO,
    withinTarget: ratio <= TARGET_RATIO,
  };
  await writeFile(path.join(RESULTS_DIR, 'payroll.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `\npay run of ${S.employees} employees (${payslips.length} payslips, ${lines.length} lines), median of ${S.rounds}:\n` +
      `  calculate and store (API)  ${(apiMedian / 1000).toFixed(2)} s\n` +
      `  floor (bulk insert only)   ${(floorMedian / 1000).toFixed(2)} s\n` +
      `  ratio                      ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×)\n` +
      `total ${((Date.now() - started) / 1000).toFixed(0)} s; details in bench/results/payroll.json\n`,
  );
  await exitWith(failures ? 1 : 0);
}

runMain(main, log);
