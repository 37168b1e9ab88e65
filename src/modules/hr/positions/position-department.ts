import { QueryFailedError } from 'typeorm';
import { HrErrorCode, HrException } from '../hr.errors';

/** The database's guard of "an employee's position belongs to the employee's department" (migration 1764400900000). */
export const POSITION_DEPARTMENT_CONSTRAINTS = ['fk_hr_employees_position_department', 'ck_hr_employees_position_needs_department'];

export function violatesPositionDepartment(err: unknown): boolean {
  return err instanceof QueryFailedError && POSITION_DEPARTMENT_CONSTRAINTS.includes((err.driverError as { constraint?: string }).constraint ?? '');
}

export function positionDepartmentMismatch(
  employeeDepartmentId: string | null,
  position: { id: string; title?: string; departmentId?: string },
): HrException {
  const named = position.title ? `"${position.title}" (${position.id})` : position.id;
  const where = position.departmentId ? `belongs to department ${position.departmentId}` : 'no longer belongs to that department';
  const detail = employeeDepartmentId
    ? `The position ${named} ${where}, not to the employee's department ${employeeDepartmentId}. Change departmentId and positionId together.`
    : `The position ${named} ${where}; an employee holding it must be in that department, not in none.`;
  return new HrException(
    HrErrorCode.PositionDepartmentMismatch,
    detail,
    { employeeDepartmentId, positionId: position.id, positionTitle: position.title ?? null, positionDepartmentId: position.departmentId ?? null },
    'positionId',
  );
}
