import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { EventBus } from '../../../platform/events/event-bus';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { isSelfOrAncestor } from '../../../platform/database/hierarchy';
import { newId } from '../../../platform/database/ids';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { locationPayload, warehousePayload } from '../inventory-changes.events';
import { InventoryErrorCode, InventoryException } from '../inventory.errors';
import {
  CreateLocationDto,
  CreateWarehouseDto,
  ListLocationsQuery,
  ListWarehousesQuery,
  LocationDto,
  UpdateLocationDto,
  UpdateWarehouseDto,
  WarehouseDto,
} from './dto/warehouse.dto';
import { Location } from './location.entity';
import { Warehouse } from './warehouse.entity';

const WAREHOUSE_SORTS: Record<string, SortField> = { code: { column: 'w.code', type: 'text', value: (w: Warehouse) => w.code } };
const LOCATION_SORTS: Record<string, SortField> = { code: { column: 'l.code', type: 'text', value: (l: Location) => l.code } };

export const toWarehouseDto = (w: Warehouse): WarehouseDto => ({
  id: w.id,
  code: w.code,
  name: w.name,
  address: w.address,
  active: w.active,
  version: w.version,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const toLocationDto = (l: Location): LocationDto => ({
  id: l.id,
  warehouseId: l.warehouseId,
  parentId: l.parentId,
  code: l.code,
  name: l.name,
  kind: l.kind,
  receivable: l.receivable,
  pickable: l.pickable,
  active: l.active,
  version: l.version,
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

const warehouseSnapshot = (w: Warehouse) => ({ code: w.code, name: w.name, address: w.address, active: w.active });
const locationSnapshot = (l: Location) => ({ warehouseId: l.warehouseId, parentId: l.parentId, code: l.code, name: l.name, kind: l.kind, receivable: l.receivable, pickable: l.pickable, active: l.active });

function rejectNulls(input: object, fields: string[]): void {
  const bad = fields.filter((f) => (input as Record<string, unknown>)[f] === null);
  if (bad.length) throw new PlatformException(PlatformErrorCode.ValidationFailed, `Fields cannot be null: ${bad.join(', ')}.`, {}, bad.map((field) => ({ field, message: `${field} cannot be null` })));
}

@Injectable()
export class WarehousesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get warehouses() {
    return this.db.getRepository(Warehouse);
  }

  private get locations() {
    return this.db.getRepository(Location);
  }

  async create(input: CreateWarehouseDto): Promise<WarehouseDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const w: Warehouse = { id: newId(), code: input.code, name: input.name.trim(), address: input.address ?? null, active: input.active ?? true, version: 1, createdAt: now, updatedAt: now };
      await this.warehouses.insert(w);
      await this.audit.record({ action: 'inventory.warehouse.created', entityType: 'warehouse', entityId: w.id, before: null, after: warehouseSnapshot(w) });
      await this.events.publish('inventory.warehouse.created', { type: 'warehouse', id: w.id }, warehousePayload(w));
      return toWarehouseDto(w);
    });
  }

  async get(id: string): Promise<WarehouseDto> {
    return toWarehouseDto(await this.findWarehouse(id));
  }

  async list(query: ListWarehousesQuery): Promise<Page<WarehouseDto>> {
    return paginate(this.warehouses.createQueryBuilder('w'), { sort: query.sort ?? 'code', fields: WAREHOUSE_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'w.id', map: toWarehouseDto });
  }

  async update(id: string, input: UpdateWarehouseDto, expectedVersion: number | undefined): Promise<WarehouseDto> {
    rejectNulls(input, ['name', 'active']);
    return this.db.withTransaction(async () => {
      const w = await this.warehouses.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!w) throw new NotFoundProblem('Warehouse', id);
      assertVersion('warehouse', expectedVersion, w.version);
      const before = warehouseSnapshot(w);
      Object.assign(w, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = warehouseSnapshot(w);
      const changed = changedKeys(before, after);
      if (!changed.length) return toWarehouseDto(w);
      await this.warehouses.update({ id }, { name: w.name, address: w.address, active: w.active, version: w.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.warehouse.updated', entityType: 'warehouse', entityId: id, before, after });
      const saved = await this.findWarehouse(id);
      await this.events.publish('inventory.warehouse.updated', { type: 'warehouse', id }, warehousePayload(saved, changed));
      return toWarehouseDto(saved);
    });
  }

  async createLocation(warehouseId: string, input: CreateLocationDto): Promise<LocationDto> {
    return this.db.withTransaction(async () => {
      await this.findWarehouse(warehouseId);
      const now = new Date();
      const l: Location = {
        id: newId(),
        warehouseId,
        parentId: input.parentId ?? null,
        code: input.code,
        name: input.name.trim(),
        kind: input.kind,
        receivable: input.receivable ?? true,
        pickable: input.pickable ?? true,
        active: input.active ?? true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.locations.insert(l);
      await this.audit.record({ action: 'inventory.location.created', entityType: 'location', entityId: l.id, before: null, after: locationSnapshot(l) });
      await this.events.publish('inventory.location.created', { type: 'location', id: l.id }, locationPayload(l));
      return toLocationDto(l);
    });
  }

  async listLocations(warehouseId: string, query: ListLocationsQuery): Promise<Page<LocationDto>> {
    await this.findWarehouse(warehouseId);
    const qb = this.locations.createQueryBuilder('l').where('l.warehouse_id = :warehouseId', { warehouseId });
    if (query.parentId) qb.andWhere('l.parent_id = :parentId', { parentId: query.parentId });
    return paginate(qb, { sort: query.sort ?? 'code', fields: LOCATION_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'l.id', map: toLocationDto });
  }

  async getLocation(id: string): Promise<LocationDto> {
    return toLocationDto(await this.findLocation(id));
  }

  async updateLocation(id: string, input: UpdateLocationDto, expectedVersion: number | undefined): Promise<LocationDto> {
    rejectNulls(input, ['name', 'receivable', 'pickable', 'active']);
    return this.db.withTransaction(async (m) => {
      const l = await this.locations.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!l) throw new NotFoundProblem('Location', id);
      assertVersion('location', expectedVersion, l.version);
      if (input.parentId) {
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`inv_locations:${l.warehouseId}`]);
        if (await isSelfOrAncestor(m, { table: 'inv_locations', parentColumn: 'parent_id' }, input.parentId, id)) {
          throw new InventoryException(InventoryErrorCode.LocationCycle, 'The new parent is this location or one of its descendants.', { parentId: input.parentId }, 'parentId');
        }
      }
      const before = locationSnapshot(l);
      Object.assign(l, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = locationSnapshot(l);
      const changed = changedKeys(before, after);
      if (!changed.length) return toLocationDto(l);
      await this.locations.update({ id }, { parentId: l.parentId, name: l.name, receivable: l.receivable, pickable: l.pickable, active: l.active, version: l.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.location.updated', entityType: 'location', entityId: id, before, after });
      const saved = await this.findLocation(id);
      await this.events.publish('inventory.location.updated', { type: 'location', id }, locationPayload(saved, changed));
      return toLocationDto(saved);
    });
  }

  async findWarehouse(id: string): Promise<Warehouse> {
    const w = await this.warehouses.findOneBy({ id });
    if (!w) throw new NotFoundProblem('Warehouse', id);
    return w;
  }

  async findLocation(id: string): Promise<Location> {
    const l = await this.locations.findOneBy({ id });
    if (!l) throw new NotFoundProblem('Location', id);
    return l;
  }
}
