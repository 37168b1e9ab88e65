import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum HrErrorCode {
  DepartmentCycle = 'department_cycle',
  ManagerCycle = 'manager_cycle',
  InvalidTerminationDate = 'invalid_termination_date',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const HR_PROBLEMS: Record<HrErrorCode, ProblemDefinition> = {
  [HrErrorCode.DepartmentCycle]: { status: 422, title: 'Department would be its own ancestor' },
  [HrErrorCode.ManagerCycle]: { status: 422, title: 'Employee would manage themselves' },
  [HrErrorCode.InvalidTerminationDate]: { status: 422, title: 'Invalid termination date' },
};

export class HrException extends ProblemException {
  constructor(code: HrErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = HR_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}
