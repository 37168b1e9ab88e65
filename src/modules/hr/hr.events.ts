import type { EmploymentType, EmployeeStatus } from './employees/employee.entity';

export interface EmployeeHiredPayload {
  employeeId: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  workEmail: string;
  hireDate: string;
  employmentType: EmploymentType;
  departmentId: string | null;
  positionId: string | null;
  managerId: string | null;
  country: string | null;
}

export interface EmployeeUpdatedPayload {
  employeeId: string;
  /** Names of the fields that changed (values are not carried: some are sensitive). */
  changedFields: string[];
}

export interface EmployeeStatusChangedPayload {
  employeeId: string;
  from: EmployeeStatus;
  to: EmployeeStatus;
}

export interface EmployeeTerminatedPayload {
  employeeId: string;
  employeeNumber: string;
  terminationDate: string;
  reason: string;
  managerId: string | null;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'hr.employee.hired': EmployeeHiredPayload;
    'hr.employee.updated': EmployeeUpdatedPayload;
    'hr.employee.status_changed': EmployeeStatusChangedPayload;
    'hr.employee.terminated': EmployeeTerminatedPayload;
  }
}

export const HR_EVENT_TOPICS = ['hr.employee.hired', 'hr.employee.updated', 'hr.employee.status_changed', 'hr.employee.terminated'] as const;
