import { Injectable } from '@nestjs/common';
import { HrFacade } from '../../hr';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { ItClock } from '../it.clock';
import { ItErrorCode, ItException } from '../it-tickets.errors';
import { AssetAssignment, AssetCategory, AssetStatus, ItAsset } from './asset.entities';
import { AssetDto, AssignmentDto, CheckInAssetDto, CheckOutAssetDto, CreateAssetDto, ListAssetsQuery } from './dto/asset.dto';

type AssetAction = 'check_out' | 'check_in' | 'send_to_repair' | 'return_from_repair' | 'retire' | 'mark_lost';
/** Hardware lifecycle. Licenses stay in_stock while seats come and go (seat count is the limit). */
export const ASSET_TRANSITIONS = new StateMachine<AssetStatus, AssetAction>('asset', {
  in_stock: { check_out: 'assigned', send_to_repair: 'in_repair', retire: 'retired', mark_lost: 'lost' },
  assigned: { check_in: 'in_stock', mark_lost: 'lost' },
  in_repair: { return_from_repair: 'in_stock', retire: 'retired' },
  retired: {},
  lost: {},
});
const EVENTS = {
  check_out: 'it.asset.checked_out',
  check_in: 'it.asset.checked_in',
  send_to_repair: 'it.asset.sent_to_repair',
  return_from_repair: 'it.asset.returned_from_repair',
  retire: 'it.asset.retired',
  mark_lost: 'it.asset.marked_lost',
} as const;

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'a.created_at', type: 'timestamp', value: (a: ItAsset) => a.createdAt.toISOString() },
  assetTag: { column: 'a.asset_tag', type: 'text', value: (a: ItAsset) => a.assetTag },
};

/** A summary of what an employee holds, for the offboarding ticket. */
export interface HeldAsset {
  id: string;
  assetTag: string;
  model: string;
  category: AssetCategory;
}

@Injectable()
export class AssetsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
    private readonly clock: ItClock,
  ) {}

  private get repo() {
    return this.db.getRepository(ItAsset);
  }

  async create(input: CreateAssetDto): Promise<AssetDto> {
    return this.db.withTransaction(async () => {
      const now = this.clock.now();
      const a: ItAsset = {
        id: newId(),
        assetTag: input.assetTag,
        serialNumber: input.serialNumber ?? null,
        model: input.model,
        category: input.category as AssetCategory,
        purchaseDate: input.purchaseDate ?? null,
        purchaseCost: input.purchaseCost ?? null,
        currency: input.currency ?? null,
        warrantyEnd: input.warrantyEnd ?? null,
        status: 'in_stock',
        holderId: null,
        seats: input.seats ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(a);
      const saved = (await this.db.findById(ItAsset, a.id))!;
      await this.audit.record({ action: 'it.asset.registered', entityType: 'it_asset', entityId: a.id, before: null, after: this.snapshot(saved) });
      await this.events.publish('it.asset.registered', { type: 'it_asset', id: a.id }, this.payload(saved, null));
      return this.toDto(saved, 0);
    });
  }

  async get(id: string): Promise<AssetDto> {
    const a = await this.findOrThrow(id);
    return this.toDto(a, await this.seatsUsed(a));
  }

  async list(query: ListAssetsQuery): Promise<Page<AssetDto>> {
    const qb = this.repo.createQueryBuilder('a');
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.category) qb.andWhere('a.category = :category', { category: query.category });
    if (query.holderId) qb.andWhere('a.holder_id = :holderId', { holderId: query.holderId });
    const page = await paginate(qb, { sort: query.sort ?? 'assetTag', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'a.id', map: (a: ItAsset) => a });
    const licenseIds = page.data.filter((a) => a.category === 'license').map((a) => a.id);
    const used = new Map<string, number>();
    if (licenseIds.length) {
      const rows: Array<{ asset_id: string; n: string }> = await this.db.manager.query(`SELECT asset_id, count(*) AS n FROM it_asset_assignments WHERE asset_id = ANY($1::uuid[]) AND checked_in_at IS NULL GROUP BY asset_id`, [licenseIds]);
      rows.forEach((r) => used.set(r.asset_id, Number(r.n)));
    }
    return { data: page.data.map((a) => this.toDto(a, used.get(a.id) ?? 0)), nextCursor: page.nextCursor };
  }

  async assignments(id: string, query: { limit?: number; cursor?: string }): Promise<Page<AssignmentDto>> {
    await this.findOrThrow(id);
    const qb = this.db.getRepository(AssetAssignment).createQueryBuilder('s').where('s.asset_id = :id', { id });
    return paginate(qb, {
      sort: 'checkedOutAt',
      fields: { checkedOutAt: { column: 's.checked_out_at', type: 'timestamp', value: (s: AssetAssignment) => s.checkedOutAt.toISOString() } },
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 's.id',
      map: (s: AssetAssignment) => ({ id: s.id, assetId: s.assetId, employeeId: s.employeeId, checkedOutAt: s.checkedOutAt.toISOString(), checkedInAt: s.checkedInAt?.toISOString() ?? null }),
    });
  }

  /**
   * Hands the asset (or one license seat) to an employee. The asset row is locked first, so two
   * parallel requests for the last seat serialise and the second sees it taken (409).
   */
  async checkOut(id: string, input: CheckOutAssetDto, expectedVersion: number | undefined): Promise<AssetDto> {
    return this.db.withTransaction(async () => {
      const a = await this.findOrThrow(id, true);
      assertVersion('asset', expectedVersion, a.version);
      if (!(await this.hr.findEmployee(input.employeeId))) throw new ItException(ItErrorCode.UnknownEmployee, `Employee ${input.employeeId} does not exist.`, {}, 'employeeId');
      const now = this.clock.now();
      const before = this.snapshot(a);
      if (a.category === 'license') {
        if (a.status !== 'in_stock') throw new ItException(ItErrorCode.AssetNotAvailable, `License ${a.assetTag} is ${a.status}.`, { status: a.status });
        const used = await this.seatsUsed(a);
        if (used >= a.seats!) throw new ItException(ItErrorCode.NoSeatAvailable, `All ${a.seats} seats of ${a.assetTag} are assigned.`, { seats: a.seats, seatsUsed: used });
        const held: unknown[] = await this.db.manager.query(`SELECT 1 FROM it_asset_assignments WHERE asset_id = $1 AND employee_id = $2 AND checked_in_at IS NULL`, [a.id, input.employeeId]);
        if (held.length) throw new ItException(ItErrorCode.AssetNotAvailable, `Employee ${input.employeeId} already has a seat of ${a.assetTag}.`, {});
      } else {
        if (!ASSET_TRANSITIONS.can(a.status, 'check_out')) {
          throw new ItException(ItErrorCode.AssetNotAvailable, `Asset ${a.assetTag} is ${a.status.replace(/_/g, ' ')}${a.holderId ? ` (held by ${a.holderId})` : ''}; it cannot be assigned.`, { status: a.status, holderId: a.holderId });
        }
        a.status = 'assigned';
        a.holderId = input.employeeId;
      }
      await this.db.getRepository(AssetAssignment).insert({ id: newId(), assetId: a.id, employeeId: input.employeeId, isLicense: a.category === 'license', checkedOutAt: now, checkedInAt: null });
      return this.saveChange(a, before, 'check_out', input.employeeId, now);
    });
  }

  async checkIn(id: string, input: CheckInAssetDto, expectedVersion: number | undefined): Promise<AssetDto> {
    return this.db.withTransaction(async () => {
      const a = await this.findOrThrow(id, true);
      assertVersion('asset', expectedVersion, a.version);
      const before = this.snapshot(a);
      const now = this.clock.now();
      let employeeId: string;
      if (a.category === 'license') {
        if (!input.employeeId) throw new ItException(ItErrorCode.AssetNotHeld, 'Name the employee whose seat comes back (employeeId).', {}, 'employeeId');
        employeeId = input.employeeId;
      } else {
        ASSET_TRANSITIONS.next(a.status, 'check_in');
        if (input.employeeId && input.employeeId !== a.holderId) throw new ItException(ItErrorCode.AssetNotHeld, `Asset ${a.assetTag} is not held by ${input.employeeId}.`, { holderId: a.holderId }, 'employeeId');
        employeeId = a.holderId!;
        a.status = 'in_stock';
        a.holderId = null;
      }
      const closed: unknown[] = await this.db.manager.query(`WITH c AS (UPDATE it_asset_assignments SET checked_in_at = $3 WHERE asset_id = $1 AND employee_id = $2 AND checked_in_at IS NULL RETURNING id) SELECT id FROM c`, [a.id, employeeId, now]);
      if (!closed.length) throw new ItException(ItErrorCode.AssetNotHeld, `Employee ${employeeId} holds no seat of ${a.assetTag}.`, {}, 'employeeId');
      return this.saveChange(a, before, 'check_in', employeeId, now);
    });
  }

  /** send_to_repair, return_from_repair, retire, mark_lost. Losing an assigned asset closes its assignment. */
  async act(id: string, action: Exclude<AssetAction, 'check_out' | 'check_in'>, expectedVersion: number | undefined): Promise<AssetDto> {
    return this.db.withTransaction(async () => {
      const a = await this.findOrThrow(id, true);
      assertVersion('asset', expectedVersion, a.version);
      const before = this.snapshot(a);
      const now = this.clock.now();
      const holder = a.holderId;
      a.status = ASSET_TRANSITIONS.next(a.status, action);
      if (a.status !== 'assigned') a.holderId = null;
      if (action === 'mark_lost' || action === 'retire') {
        await this.db.manager.query(`UPDATE it_asset_assignments SET checked_in_at = $2 WHERE asset_id = $1 AND checked_in_at IS NULL AND NOT is_license`, [a.id, now]);
      }
      return this.saveChange(a, before, action, holder, now);
    });
  }

  private async saveChange(a: ItAsset, before: Record<string, unknown>, action: AssetAction, employeeId: string | null, now: Date): Promise<AssetDto> {
    a.version += 1;
    a.updatedAt = now;
    await this.repo.update({ id: a.id }, { status: a.status, holderId: a.holderId, version: a.version, updatedAt: now });
    await this.audit.record({ action: `it.asset.${action}`, entityType: 'it_asset', entityId: a.id, before, after: { ...this.snapshot(a), employeeId } });
    await this.events.publish(EVENTS[action], { type: 'it_asset', id: a.id }, this.payload(a, employeeId));
    return this.toDto(a, await this.seatsUsed(a));
  }

  /** Every asset and license seat the employee holds now. */
  async heldBy(employeeId: string): Promise<HeldAsset[]> {
    const rows: Array<{ id: string; asset_tag: string; model: string; category: AssetCategory }> = await this.db.manager.query(
      `SELECT a.id, a.asset_tag, a.model, a.category FROM it_asset_assignments s JOIN it_assets a ON a.id = s.asset_id
        WHERE s.employee_id = $1 AND s.checked_in_at IS NULL ORDER BY a.asset_tag`,
      [employeeId],
    );
    return rows.map((r) => ({ id: r.id, assetTag: r.asset_tag, model: r.model, category: r.category }));
  }

  private async seatsUsed(a: ItAsset): Promise<number> {
    if (a.category !== 'license') return 0;
    const [{ n }] = await this.db.manager.query(`SELECT count(*) AS n FROM it_asset_assignments WHERE asset_id = $1 AND checked_in_at IS NULL`, [a.id]);
    return Number(n);
  }

  async findOrThrow(id: string, lock = false): Promise<ItAsset> {
    const a = await this.db.findById(ItAsset, id, { lock });
    if (!a) throw new NotFoundProblem('Asset', id);
    return a;
  }

  private snapshot(a: ItAsset): Record<string, unknown> {
    return { assetTag: a.assetTag, serialNumber: a.serialNumber, model: a.model, category: a.category, purchaseDate: a.purchaseDate, purchaseCost: a.purchaseCost, currency: a.currency, warrantyEnd: a.warrantyEnd, status: a.status, holderId: a.holderId, seats: a.seats };
  }

  private payload(a: ItAsset, employeeId: string | null) {
    return { assetId: a.id, assetTag: a.assetTag, category: a.category, status: a.status, employeeId };
  }

  private toDto(a: ItAsset, seatsUsed: number): AssetDto {
    return {
      id: a.id, assetTag: a.assetTag, serialNumber: a.serialNumber, model: a.model, category: a.category, purchaseDate: a.purchaseDate, purchaseCost: a.purchaseCost,
      currency: a.currency, warrantyEnd: a.warrantyEnd, status: a.status, holderId: a.holderId, seats: a.seats, seatsUsed: a.category === 'license' ? seatsUsed : null,
      version: a.version, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
    };
  }
}
