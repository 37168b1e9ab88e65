import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { Qty } from '../stock/costing';
import { StockLedgerService, StockMoveView } from '../stock/stock-ledger.service';
import { ConsumeReservationDto, CreateReservationDto, ListReservationsQuery, ReservationDto } from './dto/reservation.dto';
import { Reservation, ReservationStatus } from './reservation.entity';

type ReservationAction = 'release' | 'consume' | 'expire';
export const RESERVATION_TRANSITIONS = new StateMachine<ReservationStatus, ReservationAction>('reservation', {
  active: { release: 'released', consume: 'consumed', expire: 'expired' },
  released: {},
  consumed: {},
  expired: {},
});

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'r.created_at', type: 'timestamp', value: (r: Reservation) => r.createdAt.toISOString() },
};

export const toReservationDto = (r: Reservation): ReservationDto => ({
  id: r.id,
  itemId: r.itemId,
  locationId: r.locationId,
  quantity: r.quantity,
  referenceType: r.referenceType,
  referenceId: r.referenceId,
  expiresAt: r.expiresAt.toISOString(),
  status: r.status,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Reservations hold quantity out of `available` (on hand − reserved) at one location until released, consumed or expired. */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly ledger: StockLedgerService,
  ) {}

  private get repo() {
    return this.db.getRepository(Reservation);
  }

  async create(input: CreateReservationDto): Promise<ReservationDto> {
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= Date.now()) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, 'expiresAt must be in the future.', {}, [{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    return this.db.withTransaction(async () => {
      await this.ledger.lockItem(input.itemId);
      const level = await this.ledger.lockLevel(input.itemId, input.locationId);
      const quantity = new Qty(input.quantity);
      const available = level.onHand.minus(level.reserved);
      if (available.lt(quantity)) this.ledger.insufficient(input.itemId, input.locationId, quantity, available);
      await this.db.manager.query(`UPDATE inv_stock_levels SET reserved = reserved + $3, updated_at = now() WHERE item_id = $1 AND location_id = $2`, [input.itemId, input.locationId, quantity.toFixed(3)]);
      const now = new Date();
      const r: Reservation = {
        id: newId(),
        itemId: input.itemId,
        locationId: input.locationId,
        quantity: quantity.toFixed(3),
        referenceType: input.referenceType,
        referenceId: input.referenceId ?? null,
        expiresAt,
        status: 'active',
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(r);
      await this.audit.record({ action: 'inventory.reservation.created', entityType: 'reservation', entityId: r.id, before: null, after: this.snapshot(r) });
      await this.events.publish('inventory.reservation.created', { type: 'reservation', id: r.id }, this.payload(r));
      await this.ledger.checkReorderPoint(r.itemId);
      return toReservationDto(r);
    });
  }

  async get(id: string): Promise<ReservationDto> {
    return toReservationDto(await this.findOrThrow(id));
  }

  async list(query: ListReservationsQuery): Promise<Page<ReservationDto>> {
    const qb = this.repo.createQueryBuilder('r');
    if (query.itemId) qb.andWhere('r.item_id = :itemId', { itemId: query.itemId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.referenceId) qb.andWhere('r.reference_id = :referenceId', { referenceId: query.referenceId });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'r.id', map: toReservationDto });
  }

  async release(id: string, expectedVersion: number | undefined): Promise<ReservationDto> {
    return this.db.withTransaction(async () => {
      const r = await this.findOrThrow(id, true);
      assertVersion('reservation', expectedVersion, r.version);
      return toReservationDto(await this.close(r, 'release'));
    });
  }

  /** Issues the reserved quantity (the issue references the reservation) and closes it. */
  async consume(id: string, input: ConsumeReservationDto, expectedVersion: number | undefined): Promise<{ reservation: ReservationDto; moves: StockMoveView[] }> {
    return this.db.withTransaction(async () => {
      const r = await this.findOrThrow(id, true);
      assertVersion('reservation', expectedVersion, r.version);
      RESERVATION_TRANSITIONS.next(r.status, 'consume');
      const moves = await this.ledger.post({
        kind: 'issue',
        itemId: r.itemId,
        quantity: r.quantity,
        fromLocationId: r.locationId,
        lotNumber: input.lotNumber,
        serialNumbers: input.serialNumbers,
        referenceType: 'reservation',
        referenceId: r.id,
        consumesReserved: r.quantity,
      });
      const closed = await this.close(r, 'consume', false);
      return { reservation: toReservationDto(closed), moves };
    });
  }

  /** Expires due reservations (scheduled job; rows another instance holds are skipped). */
  async expireDue(batch = 500): Promise<number> {
    const due = await this.repo
      .createQueryBuilder('r')
      .where(`r.status = 'active' AND r.expires_at <= now()`)
      .orderBy('r.expires_at')
      .limit(batch)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const r of due) await this.close(r, 'expire');
    return due.length;
  }

  /** Moves an active reservation to its end state; `unreserve` is false when the issue already took it out. */
  private async close(r: Reservation, action: ReservationAction, unreserve = true): Promise<Reservation> {
    const status = RESERVATION_TRANSITIONS.next(r.status, action);
    const before = this.snapshot(r);
    if (unreserve) {
      await this.ledger.lockItem(r.itemId);
      await this.db.manager.query(`UPDATE inv_stock_levels SET reserved = reserved - $3, updated_at = now() WHERE item_id = $1 AND location_id = $2`, [r.itemId, r.locationId, r.quantity]);
    }
    const updated: Reservation = { ...r, status, version: r.version + 1, updatedAt: new Date() };
    await this.repo.update({ id: r.id }, { status, version: updated.version, updatedAt: updated.updatedAt });
    await this.audit.record({ action: `inventory.reservation.${status}`, entityType: 'reservation', entityId: r.id, before, after: this.snapshot(updated) });
    await this.events.publish(`inventory.reservation.${status as 'released' | 'consumed' | 'expired'}`, { type: 'reservation', id: r.id }, this.payload(updated));
    if (unreserve) await this.ledger.checkReorderPoint(r.itemId);
    return updated;
  }

  private snapshot(r: Reservation) {
    return { itemId: r.itemId, locationId: r.locationId, quantity: r.quantity, referenceType: r.referenceType, referenceId: r.referenceId, expiresAt: r.expiresAt, status: r.status };
  }

  private payload(r: Reservation) {
    return { reservationId: r.id, itemId: r.itemId, locationId: r.locationId, quantity: r.quantity, referenceType: r.referenceType, referenceId: r.referenceId, status: r.status };
  }

  async findOrThrow(id: string, lock = false): Promise<Reservation> {
    const r = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!r) throw new NotFoundProblem('Reservation', id);
    return r;
  }
}
