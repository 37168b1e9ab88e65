import { Column, Entity, PrimaryColumn } from 'typeorm';

export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contractor', 'intern'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const EMPLOYEE_STATUSES = ['active', 'on_leave', 'terminated'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

@Entity('hr_employees')
export class Employee {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', insert: false, update: false }) employeeNumber: string;
  @Column('varchar', { length: 100 }) firstName: string;
  @Column('varchar', { length: 100 }) lastName: string;
  @Column('varchar', { length: 254 }) workEmail: string;
  @Column('varchar', { length: 32, nullable: true }) phone: string | null;
  @Column('date', { nullable: true }) birthDate: string | null;
  @Column('date') hireDate: string;
  @Column('text') employmentType: EmploymentType;
  @Column('text') status: EmployeeStatus;
  @Column('uuid', { nullable: true }) departmentId: string | null;
  @Column('uuid', { nullable: true }) positionId: string | null;
  @Column('uuid', { nullable: true }) managerId: string | null;
  @Column('varchar', { length: 200, nullable: true }) workLocation: string | null;
  @Column('char', { length: 2, nullable: true }) country: string | null;
  @Column('uuid', { nullable: true }) workCalendarId: string | null;
  @Column('varchar', { length: 64, nullable: true }) nationalId: string | null;
  @Column('varchar', { length: 34, nullable: true }) iban: string | null;
  @Column('numeric', { precision: 14, scale: 2, nullable: true }) baseSalaryAmount: string | null;
  @Column('char', { length: 3, nullable: true }) baseSalaryCurrency: string | null;
  @Column('date', { nullable: true }) terminationDate: string | null;
  @Column('varchar', { length: 500, nullable: true }) terminationReason: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
