import { registerConstraints } from '../../platform/http/problem';
import { registerScopes } from '../../platform/auth/scopes';

export const HR_READ = 'hr:read';
export const HR_WRITE = 'hr:write';
export const HR_SENSITIVE = 'hr:sensitive';

registerScopes({
  [HR_READ]: 'Read departments, positions and employees.',
  [HR_WRITE]: 'Create and change departments, positions and employees.',
  [HR_SENSITIVE]: 'Read and write national id, bank account (IBAN) and salary fields.',
});

registerConstraints({
  uq_hr_departments_code: { field: 'code', message: 'A department with this code already exists.' },
  fk_hr_departments_parent: { field: 'parentId', message: 'The parent department does not exist.' },
  fk_hr_departments_head: { field: 'headEmployeeId', message: 'The head employee does not exist.' },
  ck_hr_departments_not_own_parent: { field: 'parentId', message: 'A department cannot be its own parent.' },
  fk_hr_positions_department: { field: 'departmentId', message: 'The department does not exist.' },
  uq_hr_employees_work_email: { field: 'workEmail', message: 'An employee with this work email already exists.' },
  uq_hr_employees_employee_number: { field: 'employeeNumber', message: 'An employee with this number already exists.' },
  fk_hr_employees_department: { field: 'departmentId', message: 'The department does not exist.' },
  fk_hr_employees_position: { field: 'positionId', message: 'The position does not exist.' },
  fk_hr_employees_manager: { field: 'managerId', message: 'The manager does not exist.' },
  ck_hr_employees_manager_not_self: { field: 'managerId', message: 'An employee cannot be their own manager.' },
  ck_hr_employees_birth_before_hire: { field: 'birthDate', message: 'The birth date must be before the hire date.' },
  ck_hr_employees_termination_after_hire: { field: 'terminationDate', message: 'The termination date cannot be before the hire date.' },
  ck_hr_employees_country: { field: 'country', message: 'Must be an upper-case ISO 3166-1 alpha-2 code.' },
  ck_hr_employees_salary_currency: { field: 'baseSalary.currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_hr_employees_base_salary: { field: 'baseSalary.amount', message: 'A salary cannot be negative.' },
  ck_hr_employees_iban: { field: 'iban', message: 'Must be an IBAN without spaces.' },
  ck_hr_employees_work_email: { field: 'workEmail', message: 'Must be an email address.' },
  ck_hr_employees_employment_type: { field: 'employmentType', message: 'Unknown employment type.' },
  ck_hr_employees_status: { field: 'status', message: 'Unknown status.' },
  ck_hr_employees_terminated_has_date: { field: 'terminationDate', message: 'A terminated employee needs a termination date.' },
  ck_hr_positions_headcount_budget: { field: 'headcountBudget', message: 'Must be between 0 and 100000.' },
  ck_hr_employees_salary_pair: { field: 'baseSalary', message: 'A salary needs both an amount and a currency.' },
});
