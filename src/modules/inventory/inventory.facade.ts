import { Injectable } from '@nestjs/common';
import { StockLedgerService, StockMoveView } from './stock/stock-ledger.service';

export interface IssueStockRequest {
  itemId: string;
  locationId: string;
  /** Decimal string, up to 3 decimals. */
  quantity: string;
  /** Lot-tracked items: the lot to take; earliest expiry first (FEFO) when omitted. */
  lotNumber?: string;
  /** Serial-tracked items: the serials issued, one per unit. */
  serialNumbers?: string[];
  /** The invoice (id or number) the stock leaves for. */
  referenceId: string;
}

export interface ReturnStockRequest {
  itemId: string;
  locationId: string;
  quantity: string;
  lotNumber?: string;
  expiryDate?: string;
  serialNumbers?: string[];
  /** Cost per unit of the returned goods; the item's current average cost when omitted. */
  unitCost?: string;
  /** The credit note (id or number). */
  referenceId: string;
}

export type StockMoveSummary = StockMoveView;

/**
 * The inventory module's front door for invoicing. Every call joins the caller's transaction
 * (repositories come from the request context), so an invoice and its stock commit together.
 * Refusals are the module's problems (409 `insufficient_stock`, `serial_not_in_stock`, ...).
 */
@Injectable()
export class InventoryFacade {
  constructor(private readonly ledger: StockLedgerService) {}

  issueStock(req: IssueStockRequest): Promise<StockMoveSummary[]> {
    return this.ledger.post({
      kind: 'issue',
      itemId: req.itemId,
      quantity: req.quantity,
      fromLocationId: req.locationId,
      lotNumber: req.lotNumber,
      serialNumbers: req.serialNumbers,
      referenceType: 'invoice',
      referenceId: req.referenceId,
    });
  }

  returnStock(req: ReturnStockRequest): Promise<StockMoveSummary[]> {
    return this.ledger.post({
      kind: 'return',
      itemId: req.itemId,
      quantity: req.quantity,
      toLocationId: req.locationId,
      lotNumber: req.lotNumber,
      expiryDate: req.expiryDate,
      serialNumbers: req.serialNumbers,
      unitCost: req.unitCost,
      referenceType: 'credit_note',
      referenceId: req.referenceId,
    });
  }
}
