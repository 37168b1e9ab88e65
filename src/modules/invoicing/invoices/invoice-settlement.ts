import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.errors';
import { PaymentAllocation } from '../payments/payment.entity';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { currencyMinorUnit } from './totals.calculator';

export type InvoiceAction = 'edit' | 'delete' | 'issue' | 'pay_in_part' | 'pay_in_full' | 'credit' | 'settle_by_credit' | 'void';

/**
 * Transitions as data. `void` needs a credit note for everything not yet credited (the void
 * action issues it); a credit note that credits every line in full voids an open invoice too.
 * `overdue` is not a state: it is derived from the due date of an open invoice.
 */
export const INVOICE_TRANSITIONS = new StateMachine<InvoiceStatus, InvoiceAction>('invoice', {
  draft: { edit: 'draft', delete: 'draft', issue: 'issued' },
  issued: { pay_in_part: 'partially_paid', pay_in_full: 'paid', credit: 'issued', void: 'void' },
  partially_paid: { pay_in_part: 'partially_paid', pay_in_full: 'paid', credit: 'partially_paid', settle_by_credit: 'paid', void: 'void' },
  paid: { credit: 'paid' },
  void: {},
});

const STATUS_EVENTS = {
  partially_paid: 'invoicing.invoice.partially_paid',
  paid: 'invoicing.invoice.paid',
  void: 'invoicing.invoice.voided',
} as const;

/** Rounding mode for settlement amounts: half-up to the currency minor unit (amounts arrive already rounded). */
export const SETTLEMENT_ROUNDING = Decimal.ROUND_HALF_UP;

/**
 * Moves an issued invoice's amount due and state when money or credit arrives. Callers hold the
 * invoice row lock (FOR UPDATE) and run inside the request's transaction, so the amount due, the
 * state, the payment rows, the audit event and the outbox events commit together.
 */
@Injectable()
export class InvoiceSettlement {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Allocates `amount` of a payment to the locked invoice; 409 when it exceeds the amount due. */
  async applyPayment(inv: Invoice, amount: Decimal, paymentId: string): Promise<void> {
    INVOICE_TRANSITIONS.next(inv.status, 'pay_in_part');
    const due = new Decimal(inv.amountDue);
    if (amount.gt(due)) {
      throw new InvoicingException(InvoicingErrorCode.AllocationExceedsAmountDue, `Invoice ${inv.number} has ${this.fmt(due, inv)} ${inv.currency} due; ${this.fmt(amount, inv)} cannot be allocated to it.`, { invoiceId: inv.id, amountDue: this.fmt(due, inv), requested: this.fmt(amount, inv) }, 'allocations');
    }
    const left = due.minus(amount);
    const status = INVOICE_TRANSITIONS.next(inv.status, left.isZero() ? 'pay_in_full' : 'pay_in_part');
    await this.save(inv, { status, amountDue: left, paidAmount: new Decimal(inv.paidAmount).plus(amount), creditedAmount: new Decimal(inv.creditedAmount) }, { paymentId });
  }

  /**
   * Applies a credit note of `amount` to the locked invoice. The amount due falls; what exceeds it
   * is taken back from the invoice's payment allocations (latest first) and becomes the customer's
   * credit on those payments. `fullyCredited` (every line credited in full) voids an open invoice
   * and releases all its payments.
   */
  async applyCredit(inv: Invoice, amount: Decimal, fullyCredited: boolean, creditNoteId: string): Promise<void> {
    const due = new Decimal(inv.amountDue);
    let paid = new Decimal(inv.paidAmount);
    let left = due.minus(amount);
    let release = new Decimal(0);
    const voiding = fullyCredited && INVOICE_TRANSITIONS.can(inv.status, 'void');
    if (voiding) {
      release = paid;
      left = new Decimal(0);
    } else if (left.isNegative()) {
      release = Decimal.min(left.negated(), paid);
      left = new Decimal(0);
    }
    if (release.gt(0)) {
      await this.releaseAllocations(inv.id, release);
      paid = paid.minus(release);
    }
    const action = voiding ? 'void' : left.isZero() && inv.status === 'partially_paid' ? 'settle_by_credit' : 'credit';
    const status = INVOICE_TRANSITIONS.next(inv.status, action);
    await this.save(inv, { status, amountDue: left, paidAmount: paid, creditedAmount: new Decimal(inv.creditedAmount).plus(amount) }, { creditNoteId, released: release.gt(0) ? this.fmt(release, inv) : undefined });
  }

  private async releaseAllocations(invoiceId: string, amount: Decimal): Promise<void> {
    const held: Array<{ payment_id: string; held: string }> = await this.db.manager.query(
      `SELECT payment_id, sum(amount) AS held, max(created_at) AS last FROM invc_payment_allocations
       WHERE invoice_id = $1 GROUP BY payment_id HAVING sum(amount) > 0 ORDER BY last DESC, payment_id`,
      [invoiceId],
    );
    let rest = amount;
    const now = new Date();
    const rows: PaymentAllocation[] = [];
    for (const h of held) {
      if (rest.lte(0)) break;
      const take = Decimal.min(rest, new Decimal(h.held));
      rows.push({ id: newId(), paymentId: h.payment_id, invoiceId, amount: take.negated().toFixed(4), createdAt: now });
      rest = rest.minus(take);
    }
    if (!rows.length) return;
    await this.db.getRepository(PaymentAllocation).insert(rows);
    // One statement for all payments touched; rows are locked in id order to avoid deadlocks.
    await this.db.manager.query(
      `UPDATE invc_payments p SET allocated_amount = p.allocated_amount - r.amount, version = p.version + 1, updated_at = now()
       FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::numeric[]) AS amount) r WHERE p.id = r.id`,
      [rows.map((r) => r.paymentId), rows.map((r) => r.amount.slice(1))],
    );
  }

  private async save(inv: Invoice, next: { status: InvoiceStatus; amountDue: Decimal; paidAmount: Decimal; creditedAmount: Decimal }, cause: Record<string, unknown>): Promise<void> {
    const now = new Date();
    const voidedAt = next.status === 'void' ? now : inv.voidedAt;
    await this.db.getRepository(Invoice).update({ id: inv.id }, {
      status: next.status,
      amountDue: next.amountDue.toFixed(4),
      paidAmount: next.paidAmount.toFixed(4),
      creditedAmount: next.creditedAmount.toFixed(4),
      voidedAt,
      version: inv.version + 1,
      updatedAt: now,
    });
    const before = { status: inv.status, amountDue: this.fmt(new Decimal(inv.amountDue), inv), paidAmount: this.fmt(new Decimal(inv.paidAmount), inv), creditedAmount: this.fmt(new Decimal(inv.creditedAmount), inv) };
    const after = { status: next.status, amountDue: this.fmt(next.amountDue, inv), paidAmount: this.fmt(next.paidAmount, inv), creditedAmount: this.fmt(next.creditedAmount, inv) };
    await this.audit.record({ action: 'invoicing.invoice.settled', entityType: 'invoice', entityId: inv.id, before, after: { ...after, ...cause } });
    if (next.status !== inv.status && next.status in STATUS_EVENTS) {
      const topic = STATUS_EVENTS[next.status as keyof typeof STATUS_EVENTS];
      await this.events.publish(topic, { type: 'invoice', id: inv.id }, {
        invoiceId: inv.id,
        number: inv.number!,
        customerId: inv.customerId,
        currency: inv.currency,
        previousStatus: inv.status,
        status: next.status,
        payableAmount: this.fmt(new Decimal(inv.payableAmount), inv),
        paidAmount: after.paidAmount,
        creditedAmount: after.creditedAmount,
        amountDue: after.amountDue,
      });
    }
    Object.assign(inv, { status: next.status, amountDue: next.amountDue.toFixed(4), paidAmount: next.paidAmount.toFixed(4), creditedAmount: next.creditedAmount.toFixed(4), voidedAt, version: inv.version + 1, updatedAt: now });
  }

  private fmt(d: Decimal, inv: Invoice): string {
    return d.toFixed(currencyMinorUnit(inv.currency), SETTLEMENT_ROUNDING);
  }
}
