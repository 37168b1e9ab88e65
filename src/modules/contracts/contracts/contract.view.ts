import { createHash } from 'node:crypto';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import type { ContractEventPayload } from '../contracts.events';
import { Contract, ContractStatus, ContractTerms, ContractVersion } from './contract.entity';

export type ContractAction = 'edit' | 'delete' | 'submit' | 'return' | 'approve' | 'sign' | 'activate' | 'amend' | 'renew' | 'enter_notice_window' | 'expire' | 'terminate';

/**
 * The contract lifecycle. `renewed` is not a resting state: a renewal (automatic or manual) is
 * recorded as a renewal row and a `contracts.contract.renewed` event, and the contract is active
 * again for the new term.
 */
export const CONTRACT_TRANSITIONS = new StateMachine<ContractStatus, ContractAction>('contract', {
  draft: { edit: 'draft', delete: 'draft', submit: 'in_review' },
  in_review: { edit: 'in_review', approve: 'approved', return: 'draft' },
  approved: { edit: 'approved', sign: 'approved', activate: 'active', amend: 'approved', terminate: 'terminated' },
  active: { edit: 'active', sign: 'active', amend: 'active', renew: 'active', enter_notice_window: 'expiring', expire: 'expired', terminate: 'terminated' },
  expiring: { edit: 'expiring', sign: 'expiring', amend: 'expiring', renew: 'active', expire: 'expired', terminate: 'terminated' },
  expired: {},
  terminated: {},
});

export function termsOf(c: Contract): ContractTerms {
  return {
    title: c.title,
    type: c.type,
    counterparty: { kind: c.counterpartyKind, employeeId: c.counterpartyEmployeeId, customerId: c.counterpartyCustomerId, name: c.counterpartyName, companyId: c.counterpartyCompanyId, address: c.counterpartyAddress },
    value: c.value,
    currency: c.currency,
    paymentTerms: c.paymentTerms,
    startDate: c.startDate,
    endDate: c.endDate,
    termMonths: c.termMonths,
    governingLaw: c.governingLaw,
    renewalType: c.renewalType,
    renewalTermMonths: c.renewalTermMonths,
    noticePeriod: c.noticePeriodValue !== null && c.noticePeriodUnit ? { value: c.noticePeriodValue, unit: c.noticePeriodUnit } : null,
  };
}

/** JSON with object keys sorted at every level, so equal terms always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What a signature covers: the contract, the version number, its canonical terms and its document checksum. */
export function versionSha256(v: Pick<ContractVersion, 'contractId' | 'versionNo' | 'terms' | 'effectiveDate' | 'documentSha256'>): string {
  return createHash('sha256')
    .update(canonicalJson({ contractId: v.contractId, versionNo: v.versionNo, effectiveDate: v.effectiveDate, terms: v.terms, documentSha256: v.documentSha256 }))
    .digest('hex');
}

export function eventPayload(c: Contract): ContractEventPayload {
  return {
    contractId: c.id,
    number: c.number,
    title: c.title,
    type: c.type,
    status: c.status,
    counterpartyName: c.counterpartyName,
    startDate: c.startDate,
    endDate: c.endDate,
    noticeDeadline: c.noticeDeadline,
    versionNo: c.currentVersionNo,
  };
}
