import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { Item } from '../items/item.entity';
import { Qty } from '../stock/costing';
import { ListLotsQuery, ListSerialsQuery, LotDto, SerialDto } from './dto/tracking.dto';
import { Lot } from './lot.entity';
import { Serial } from './serial.entity';

const LOT_SORTS: Record<string, SortField> = { lotNumber: { column: 'l.lot_number', type: 'text', value: (l: Lot) => l.lotNumber } };
const SERIAL_SORTS: Record<string, SortField> = { serialNumber: { column: 's.serial_number', type: 'text', value: (s: Serial) => s.serialNumber } };

/** Lots and serials of an item, as the ledger left them. */
@Injectable()
export class TrackingService {
  constructor(private readonly db: TransactionalConnection) {}

  private async assertItem(id: string): Promise<void> {
    if (!(await this.db.getRepository(Item).existsBy({ id }))) throw new NotFoundProblem('Item', id);
  }

  async lots(itemId: string, query: ListLotsQuery): Promise<Page<LotDto>> {
    await this.assertItem(itemId);
    const qb = this.db.getRepository(Lot).createQueryBuilder('l').where('l.item_id = :itemId', { itemId });
    const page = await paginate(qb, { sort: query.sort ?? 'lotNumber', fields: LOT_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'l.id', map: (l) => l });
    const sums = new Map<string, string>();
    if (page.data.length) {
      const rows: Array<{ lot_id: string; on_hand: string }> = await this.db.manager.query(`SELECT lot_id, sum(on_hand) AS on_hand FROM inv_lot_levels WHERE lot_id = ANY($1::uuid[]) GROUP BY lot_id`, [page.data.map((l) => l.id)]);
      for (const r of rows) sums.set(r.lot_id, r.on_hand);
    }
    return {
      data: page.data.map((l) => ({ id: l.id, itemId: l.itemId, lotNumber: l.lotNumber, expiryDate: l.expiryDate, onHand: new Qty(sums.get(l.id) ?? 0).toFixed(3) })),
      nextCursor: page.nextCursor,
    };
  }

  async serials(itemId: string, query: ListSerialsQuery): Promise<Page<SerialDto>> {
    await this.assertItem(itemId);
    const qb = this.db.getRepository(Serial).createQueryBuilder('s').where('s.item_id = :itemId', { itemId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.locationId) qb.andWhere('s.location_id = :locationId', { locationId: query.locationId });
    return paginate(qb, {
      sort: query.sort ?? 'serialNumber',
      fields: SERIAL_SORTS,
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 's.id',
      map: (s) => ({ id: s.id, itemId: s.itemId, serialNumber: s.serialNumber, status: s.status, locationId: s.locationId }),
    });
  }
}
