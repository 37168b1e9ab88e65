import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import type { Department } from './departments/department.entity';
import type { Position } from './positions/position.entity';

/** The organisation's structure: departments and positions as they are after the change (before it, for a deletion). */
export interface DepartmentChangedPayload {
  departmentId: string;
  code: string;
  name: string;
  costCenter: string | null;
  parentId: string | null;
  headEmployeeId: string | null;
  /** The fields that changed (updates only; empty otherwise). */
  changedFields: string[];
}

export interface PositionChangedPayload {
  positionId: string;
  title: string;
  departmentId: string;
  grade: string | null;
  headcountBudget: number;
  changedFields: string[];
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'hr.department.created': DepartmentChangedPayload;
    'hr.department.updated': DepartmentChangedPayload;
    'hr.department.deleted': DepartmentChangedPayload;
    'hr.position.created': PositionChangedPayload;
    'hr.position.updated': PositionChangedPayload;
    'hr.position.deleted': PositionChangedPayload;
  }
}

export const departmentPayload = (d: Department, changedFields: string[] = []): DepartmentChangedPayload => ({
  departmentId: d.id,
  code: d.code,
  name: d.name,
  costCenter: d.costCenter,
  parentId: d.parentId,
  headEmployeeId: d.headEmployeeId,
  changedFields,
});

export const positionPayload = (p: Position, changedFields: string[] = []): PositionChangedPayload => ({
  positionId: p.id,
  title: p.title,
  departmentId: p.departmentId,
  grade: p.grade,
  headcountBudget: p.headcountBudget,
  changedFields,
});

const departmentSchema = S.object({
  departmentId: S.uuid(),
  code: S.string({ maxLength: 20 }),
  name: S.string({ maxLength: 200 }),
  costCenter: S.nullable(S.string({ maxLength: 50 })),
  parentId: S.nullable(S.uuid()),
  headEmployeeId: S.nullable(S.uuid()),
  changedFields: { type: 'array', maxItems: 10, items: S.enum(['code', 'name', 'costCenter', 'parentId', 'headEmployeeId']) },
});
const positionSchema = S.object({
  positionId: S.uuid(),
  title: S.string({ maxLength: 200 }),
  departmentId: S.uuid(),
  grade: S.nullable(S.string({ maxLength: 20 })),
  headcountBudget: S.int32(0, 100000),
  changedFields: { type: 'array', maxItems: 10, items: S.enum(['title', 'departmentId', 'grade', 'headcountBudget']) },
});

defineEventTypes({
  'hr.department.created': { description: 'A department was created.', aggregateType: 'department', schema: departmentSchema },
  'hr.department.updated': { description: 'A department changed (code, name, cost center, parent or head); `changedFields` names what.', aggregateType: 'department', schema: departmentSchema },
  'hr.department.deleted': { description: 'A department was deleted; the payload is the department as it was.', aggregateType: 'department', schema: departmentSchema },
  'hr.position.created': { description: 'A position was created.', aggregateType: 'position', schema: positionSchema },
  'hr.position.updated': { description: 'A position changed (title, department, grade or headcount budget); `changedFields` names what.', aggregateType: 'position', schema: positionSchema },
  'hr.position.deleted': { description: 'A position was deleted; the payload is the position as it was.', aggregateType: 'position', schema: positionSchema },
});
