import { EmployeeDto } from './dto/employee.dto';
import { Employee } from './employee.entity';

export const SENSITIVE_FIELDS = ['nationalId', 'iban', 'baseSalary'] as const;

const salary = (e: Employee) =>
  e.baseSalaryAmount !== null && e.baseSalaryCurrency !== null ? { amount: e.baseSalaryAmount, currency: e.baseSalaryCurrency } : null;

/** The API view of an employee; sensitive fields only when the reader may see them. */
export function toEmployeeDto(e: Employee, revealSensitive: boolean): EmployeeDto {
  const dto: EmployeeDto = {
    id: e.id,
    employeeNumber: e.employeeNumber,
    firstName: e.firstName,
    lastName: e.lastName,
    workEmail: e.workEmail,
    phone: e.phone,
    birthDate: e.birthDate,
    hireDate: e.hireDate,
    employmentType: e.employmentType,
    status: e.status,
    departmentId: e.departmentId,
    positionId: e.positionId,
    managerId: e.managerId,
    workLocation: e.workLocation,
    country: e.country,
    workCalendarId: e.workCalendarId,
    terminationDate: e.terminationDate,
    terminationReason: e.terminationReason,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
  if (revealSensitive) {
    dto.nationalId = e.nationalId;
    dto.iban = e.iban;
    dto.baseSalary = salary(e);
  }
  return dto;
}

/** Every field, flat, for the audit trail (sensitive ones are masked on read). */
export function employeeSnapshot(e: Employee): Record<string, unknown> {
  return {
    firstName: e.firstName,
    lastName: e.lastName,
    workEmail: e.workEmail,
    phone: e.phone,
    birthDate: e.birthDate,
    hireDate: e.hireDate,
    employmentType: e.employmentType,
    status: e.status,
    departmentId: e.departmentId,
    positionId: e.positionId,
    managerId: e.managerId,
    workLocation: e.workLocation,
    country: e.country,
    workCalendarId: e.workCalendarId,
    terminationDate: e.terminationDate,
    terminationReason: e.terminationReason,
    nationalId: e.nationalId,
    iban: e.iban,
    baseSalary: salary(e),
  };
}
