import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, PageQuery, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { UploadedFile } from '../../../platform/http/upload';
import { todayIn } from '../../../platform/time/calendar';
import { changedFields, withPatch } from '../../../platform/changes/changed-fields';
import { HrFacade } from '../../hr';
import { InvoicingFacade } from '../../invoicing';
import { ContractsErrorCode, ContractsException } from '../contracts.errors';
import { addMonthsKeepingMonthEnd, contractDates, plusDays } from './contract-dates';
import { Contract, ContractDocument, ContractTerms, ContractVersion, Renewal, Signature, Signer } from './contract.entity';
import { CONTRACT_TRANSITIONS, ContractAction, eventPayload, termsOf, versionSha256 } from './contract.view';
import {
  AmendContractDto,
  ContractDto,
  ContractSummaryDto,
  ContractVersionDto,
  CounterpartyInputDto,
  CreateContractDto,
  DocumentDto,
  ListContractsQuery,
  MAX_CONTRACT_VERSIONS,
  RenewalDto,
  SignatureDto,
  SignerInputDto,
  TerminateContractDto,
  UpdateContractDto,
} from './dto/contract.dto';

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'c.created_at', type: 'timestamp', value: (c: Contract) => c.createdAt.toISOString() },
  startDate: { column: 'c.start_date', type: 'date', value: (c: Contract) => c.startDate },
  number: { column: 'c.number', type: 'text', value: (c: Contract) => c.number },
};

const TERM_FIELDS = ['title', 'counterparty', 'value', 'currency', 'paymentTerms', 'startDate', 'endDate', 'termMonths', 'governingLaw', 'renewalType', 'renewalTermMonths', 'noticePeriod', 'signers'] as const;

/** Signers compared as a set: as listed (by party, then e-mail), e-mail in lower case, required by default. */
const signerSet = (signers: Array<{ name: string; email: string; role: string; party: string; required?: boolean | null }>) =>
  signers
    .map((x) => ({ name: x.name, email: x.email.toLowerCase(), role: x.role, party: x.party, required: x.required ?? true }))
    .sort((a, b) => a.party.localeCompare(b.party) || a.email.localeCompare(b.email));

const invalid = (field: string, message: string) => new PlatformException(PlatformErrorCode.ValidationFailed, `1 field failed validation: ${field}.`, {}, [{ field, message }]);

export function summaryOf(c: Contract): ContractSummaryDto {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    type: c.type,
    status: c.status,
    counterparty: { kind: c.counterpartyKind, employeeId: c.counterpartyEmployeeId, customerId: c.counterpartyCustomerId, name: c.counterpartyName, companyId: c.counterpartyCompanyId, address: c.counterpartyAddress },
    ownerEmployeeId: c.ownerEmployeeId,
    value: c.value,
    currency: c.currency,
    startDate: c.startDate,
    endDate: c.endDate,
    termMonths: c.termMonths,
    tags: c.tags,
    renewalType: c.renewalType,
    renewalTermMonths: c.renewalTermMonths,
    noticePeriod: c.noticePeriodValue !== null && c.noticePeriodUnit ? { value: c.noticePeriodValue, unit: c.noticePeriodUnit } : null,
    noticeDeadline: c.noticeDeadline,
    nextRenewalDate: c.nextRenewalDate,
    noticeAlertDays: c.noticeAlertDays,
    currentVersionNo: c.currentVersionNo,
    renewalCount: c.renewalCount,
    fullySignedAt: c.fullySignedAt ? c.fullySignedAt.toISOString() : null,
    activatedAt: c.activatedAt ? c.activatedAt.toISOString() : null,
    terminationDate: c.terminationDate,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const RENEWAL_SORTS: Record<string, SortField> = { termNo: { column: 'r.term_no', type: 'int', value: (r: Renewal) => r.termNo } };

@Injectable()
export class ContractsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
    private readonly invoicing: InvoicingFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get contracts() {
    return this.db.getRepository(Contract);
  }

  today(): string {
    return todayIn(this.config.COMPANY_TIME_ZONE);
  }

  async create(input: CreateContractDto, origin: { hireKey?: string } = {}): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const counterparty = await this.resolveCounterparty(input.counterparty);
      if (input.ownerEmployeeId) await this.assertEmployee(input.ownerEmployeeId, 'ownerEmployeeId');
      const renewalType = input.renewalType ?? 'none';
      const dates = this.dates({ ...input, renewalType });
      const now = new Date();
      const id = newId();
      const number = await this.takeNumber(Number(this.today().slice(0, 4)));
      const row: Contract = {
        id,
        number,
        title: input.title,
        type: input.type,
        status: 'draft',
        counterpartyKind: counterparty.kind,
        counterpartyEmployeeId: counterparty.employeeId,
        counterpartyCustomerId: counterparty.customerId,
        counterpartyName: counterparty.name,
        counterpartyCompanyId: counterparty.companyId,
        counterpartyAddress: counterparty.address,
        ownerEmployeeId: input.ownerEmployeeId ?? null,
        value: input.value ?? null,
        currency: input.currency ?? null,
        paymentTerms: input.paymentTerms ?? null,
        startDate: input.startDate,
        endDate: dates.endDate,
        termMonths: input.termMonths ?? null,
        governingLaw: input.governingLaw ?? null,
        tags: [...new Set(input.tags ?? [])],
        renewalType,
        renewalTermMonths: input.renewalTermMonths ?? null,
        noticePeriodValue: input.noticePeriod?.value ?? null,
        noticePeriodUnit: input.noticePeriod?.unit ?? null,
        noticeDeadline: dates.noticeDeadline,
        nextRenewalDate: dates.nextRenewalDate,
        noticeAlertDays: input.noticeAlertDays ?? 30,
        currentVersionNo: 1,
        renewalCount: 0,
        fullySignedAt: null,
        activatedAt: null,
        terminatedAt: null,
        terminationDate: null,
        terminationReason: null,
        originHireKey: origin.hireKey ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.contracts.insert(row);
      await this.db.getRepository(ContractVersion).insert({ id: newId(), contractId: id, versionNo: 1, kind: 'original', terms: termsOf(row) as never, effectiveDate: row.startDate, summary: null, documentId: null, documentSha256: null, lockedAt: null, createdAt: now });
      await this.replaceSigners(id, input.signers ?? []);
      await this.audit.record({ action: 'contracts.contract.created', entityType: 'contract', entityId: id, before: null, after: { number, ...termsOf(row), tags: row.tags, signers: input.signers ?? [] } });
      await this.events.publish('contracts.contract.created', { type: 'contract', id }, eventPayload(row));
      // A new draft is recorded in the audit trail only: events start with the first state change (submitted).
      return this.get(id);
    });
  }

  async get(id: string): Promise<ContractDto> {
    return this.view(await this.findOrThrow(id));
  }

  async list(query: ListContractsQuery): Promise<Page<ContractSummaryDto>> {
    const qb = this.contracts.createQueryBuilder('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.type) qb.andWhere('c.type = :type', { type: query.type });
    if (query.employeeId) qb.andWhere('c.counterparty_employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.customerId) qb.andWhere('c.counterparty_customer_id = :customerId', { customerId: query.customerId });
    if (query.ownerEmployeeId) qb.andWhere('c.owner_employee_id = :ownerEmployeeId', { ownerEmployeeId: query.ownerEmployeeId });
    if (query.tag) qb.andWhere('c.tags @> ARRAY[:tag]::text[]', { tag: query.tag });
    if (query.endsBefore) qb.andWhere('c.end_date <= :endsBefore', { endsBefore: query.endsBefore });
    if (query.noticeBefore) qb.andWhere('c.notice_deadline <= :noticeBefore', { noticeBefore: query.noticeBefore });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'c.id', map: summaryOf });
  }

  async update(id: string, input: UpdateContractDto, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      CONTRACT_TRANSITIONS.next(c.status, 'edit');
      const before = { ...termsOf(c), tags: c.tags, ownerEmployeeId: c.ownerEmployeeId, noticeAlertDays: c.noticeAlertDays };
      const next: Contract = { ...c };
      if (input.counterparty) {
        const cp = await this.resolveCounterparty(input.counterparty);
        Object.assign(next, { counterpartyKind: cp.kind, counterpartyEmployeeId: cp.employeeId, counterpartyCustomerId: cp.customerId, counterpartyName: cp.name, counterpartyCompanyId: cp.companyId, counterpartyAddress: cp.address });
      }
      // Terms sent again with the values they have are not edits: only the ones that differ are locked after review.
      const currentSigners = input.signers ? signerSet(await this.db.getRepository(Signer).find({ where: { contractId: id } })) : [];
      const sentTerms = { ...withPatch(termsOf(c) as unknown as Record<string, unknown>, input, ['title', 'value', 'currency', 'paymentTerms', 'startDate', 'endDate', 'termMonths', 'governingLaw', 'renewalType', 'renewalTermMonths', 'noticePeriod']), counterparty: termsOf(next).counterparty };
      const termChanges = [
        ...changedFields(TERM_FIELDS.filter((f) => f !== 'signers'), termsOf(c) as unknown as Record<string, unknown>, sentTerms, { decimals: ['value'] }),
        ...(input.signers && changedFields(['signers'], { signers: currentSigners }, { signers: signerSet(input.signers) }).length ? (['signers'] as const) : []),
      ];
      if (termChanges.length && c.status !== 'draft') {
        throw new ContractsException(ContractsErrorCode.TermsLocked, `The terms of a contract that is ${c.status.replace('_', ' ')} cannot be edited (${termChanges.join(', ')}); after approval, add an amendment (POST /contracts/${id}/amendments).`, { fields: termChanges }, termChanges[0]);
      }
      const otherChanges = changedFields(['tags', 'ownerEmployeeId', 'noticeAlertDays'], before, withPatch(before, { ...input, ...(input.tags ? { tags: [...new Set(input.tags)] } : {}) }, ['tags', 'ownerEmployeeId', 'noticeAlertDays']));
      if (!termChanges.length && !otherChanges.length) return this.get(id);
      if (input.ownerEmployeeId !== undefined) {
        await this.assertEmployee(input.ownerEmployeeId, 'ownerEmployeeId');
        next.ownerEmployeeId = input.ownerEmployeeId;
      }
      for (const f of ['title', 'value', 'currency', 'paymentTerms', 'startDate', 'governingLaw', 'renewalType', 'renewalTermMonths', 'noticeAlertDays'] as const) {
        if (input[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = input[f];
      }
      if (input.tags) next.tags = [...new Set(input.tags)];
      if (input.noticePeriod) Object.assign(next, { noticePeriodValue: input.noticePeriod.value, noticePeriodUnit: input.noticePeriod.unit });
      if (input.termMonths !== undefined) Object.assign(next, { termMonths: input.termMonths, endDate: null });
      if (input.endDate !== undefined) Object.assign(next, { endDate: input.endDate, termMonths: input.termMonths ?? null });
      // Dates are recomputed only when terms change (drafts): a renewed contract keeps its current end.
      if (termChanges.length) Object.assign(next, this.dates({ startDate: next.startDate, endDate: next.termMonths ? undefined : next.endDate ?? undefined, termMonths: next.termMonths ?? undefined, renewalType: next.renewalType, renewalTermMonths: next.renewalTermMonths ?? undefined, noticePeriod: next.noticePeriodValue && next.noticePeriodUnit ? { value: next.noticePeriodValue, unit: next.noticePeriodUnit } : undefined }));
      const { id: _id, createdAt: _c, ...changes } = next;
      await this.contracts.update({ id }, { ...changes, version: c.version + 1, updatedAt: new Date() });
      if (termChanges.length) await this.db.getRepository(ContractVersion).update({ contractId: id, versionNo: 1 }, { terms: termsOf(next) as never, effectiveDate: next.startDate });
      if (input.signers && termChanges.includes('signers')) await this.replaceSigners(id, input.signers);
      await this.audit.record({ action: 'contracts.contract.updated', entityType: 'contract', entityId: id, before, after: { ...termsOf(next), tags: next.tags, ownerEmployeeId: next.ownerEmployeeId, noticeAlertDays: next.noticeAlertDays, ...(input.signers ? { signers: input.signers } : {}) } });
      await this.events.publish('contracts.contract.updated', { type: 'contract', id }, eventPayload(next));
      return this.get(id);
    });
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      CONTRACT_TRANSITIONS.next(c.status, 'delete');
      await this.contracts.delete({ id });
      await this.audit.record({ action: 'contracts.contract.deleted', entityType: 'contract', entityId: id, before: { number: c.number, ...termsOf(c) }, after: null });
      await this.events.publish('contracts.contract.deleted', { type: 'contract', id }, eventPayload(c));
    });
  }

  async submit(id: string, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.transition(id, 'submit', expectedVersion, async (c) => {
      const required = await this.db.getRepository(Signer).countBy({ contractId: c.id, required: true });
      if (!required) throw new ContractsException(ContractsErrorCode.SignersRequired, `Contract ${c.number} has no required signer; add signers (PATCH signers) before submitting it for review.`, {}, 'signers');
    }, 'contracts.contract.submitted');
  }

  approve(id: string, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.transition(id, 'approve', expectedVersion, async () => undefined, 'contracts.contract.approved');
  }

  returnToDraft(id: string, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.transition(id, 'return', expectedVersion, async () => undefined, 'contracts.contract.returned');
  }

  private async transition(id: string, action: ContractAction, expectedVersion: number | undefined, check: (c: Contract) => Promise<void>, topic: 'contracts.contract.submitted' | 'contracts.contract.approved' | 'contracts.contract.returned'): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      const status = CONTRACT_TRANSITIONS.next(c.status, action);
      await check(c);
      await this.contracts.update({ id }, { status, version: c.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: topic, entityType: 'contract', entityId: id, before: { status: c.status }, after: { status } });
      await this.events.publish(topic, { type: 'contract', id }, eventPayload({ ...c, status }));
      return this.get(id);
    });
  }

  /**
   * Records a signature on the current version with the version's SHA-256; the version is locked
   * from then on. When every required signer has signed an approved contract, it becomes active
   * (on its start date: before it, the daily job activates it).
   */
  async sign(id: string, signerId: string, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      CONTRACT_TRANSITIONS.next(c.status, 'sign');
      const signer = await this.db.getRepository(Signer).findOneBy({ id: signerId, contractId: id });
      if (!signer) throw new ContractsException(ContractsErrorCode.UnknownSigner, `Signer ${signerId} is not a signer of contract ${c.number}.`, {}, 'signerId');
      const version = await this.versionOrThrow(id, c.currentVersionNo);
      const signatures = this.db.getRepository(Signature);
      if (await signatures.existsBy({ contractId: id, versionNo: version.versionNo, signerId })) {
        throw new ContractsException(ContractsErrorCode.AlreadySigned, `${signer.name} has already signed version ${version.versionNo} of contract ${c.number}.`, { versionNo: version.versionNo }, 'signerId');
      }
      const now = new Date();
      const sha256 = versionSha256(version);
      if (!version.lockedAt) await this.db.getRepository(ContractVersion).update({ id: version.id }, { lockedAt: now });
      await signatures.insert({ id: newId(), contractId: id, versionNo: version.versionNo, signerId, name: signer.name, email: signer.email, role: signer.role, party: signer.party, signedAt: now, versionSha256: sha256 });
      const missing: { n: string }[] = await this.db.manager.query(
        `SELECT count(*) AS n FROM ctr_signers s WHERE s.contract_id = $1 AND s.required
            AND NOT EXISTS (SELECT 1 FROM ctr_signatures g WHERE g.contract_id = s.contract_id AND g.version_no = $2 AND g.signer_id = s.id)`,
        [id, version.versionNo],
      );
      const complete = Number(missing[0].n) === 0;
      const next: Contract = { ...c, version: c.version + 1, updatedAt: now };
      if (complete && !c.fullySignedAt) next.fullySignedAt = now;
      const activate = c.status === 'approved' && complete && c.startDate <= this.today();
      if (activate) Object.assign(next, { status: CONTRACT_TRANSITIONS.next(c.status, 'activate'), activatedAt: now });
      await this.contracts.update({ id }, { status: next.status, fullySignedAt: next.fullySignedAt, activatedAt: next.activatedAt, version: next.version, updatedAt: now });
      await this.audit.record({ action: 'contracts.contract.signed', entityType: 'contract', entityId: id, before: { status: c.status }, after: { status: next.status, signerId, versionNo: version.versionNo, versionSha256: sha256 } });
      await this.events.publish('contracts.contract.signed', { type: 'contract', id }, { ...eventPayload(next), signerId, signerName: signer.name, signerEmail: signer.email, party: signer.party, signedAt: now.toISOString(), versionSha256: sha256 });
      if (activate) await this.events.publish('contracts.contract.activated', { type: 'contract', id }, eventPayload(next));
      return this.get(id);
    });
  }

  /** A change of terms after approval: version N+1 with its effective date; version N is locked for good. */
  async amend(id: string, input: AmendContractDto, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      CONTRACT_TRANSITIONS.next(c.status, 'amend');
      if (c.currentVersionNo >= MAX_CONTRACT_VERSIONS) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `Contract ${c.number} holds ${MAX_CONTRACT_VERSIONS} versions, the most it can; start a new contract.`, {}, [
          { field: 'effectiveDate', message: `would exceed ${MAX_CONTRACT_VERSIONS} versions of the contract` },
        ]);
      }
      const next: Contract = { ...c };
      for (const f of ['title', 'value', 'currency', 'paymentTerms', 'startDate', 'governingLaw', 'renewalType', 'renewalTermMonths'] as const) {
        if (input[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = input[f];
      }
      if (input.noticePeriod) Object.assign(next, { noticePeriodValue: input.noticePeriod.value, noticePeriodUnit: input.noticePeriod.unit });
      if (input.termMonths !== undefined) Object.assign(next, { termMonths: input.termMonths, endDate: null });
      if (input.endDate !== undefined) Object.assign(next, { endDate: input.endDate, termMonths: null });
      // The current end (renewals included) stands unless the amendment sets a new end or term.
      Object.assign(next, this.dates({ startDate: next.startDate, endDate: input.termMonths !== undefined ? undefined : next.endDate ?? undefined, termMonths: input.termMonths, renewalType: next.renewalType, renewalTermMonths: next.renewalTermMonths ?? undefined, noticePeriod: next.noticePeriodValue && next.noticePeriodUnit ? { value: next.noticePeriodValue, unit: next.noticePeriodUnit } : undefined }));
      const now = new Date();
      const versions = this.db.getRepository(ContractVersion);
      await versions.createQueryBuilder().update().set({ lockedAt: now }).where('contract_id = :id AND locked_at IS NULL', { id }).execute();
      const versionNo = c.currentVersionNo + 1;
      next.currentVersionNo = versionNo;
      await versions.insert({ id: newId(), contractId: id, versionNo, kind: 'amendment', terms: termsOf(next) as never, effectiveDate: input.effectiveDate, summary: input.summary, documentId: null, documentSha256: null, lockedAt: null, createdAt: now });
      const { id: _id, createdAt: _c, ...changes } = next;
      await this.contracts.update({ id }, { ...changes, version: c.version + 1, updatedAt: now });
      await this.audit.record({ action: 'contracts.contract.amended', entityType: 'contract', entityId: id, before: { versionNo: c.currentVersionNo, ...termsOf(c) }, after: { versionNo, effectiveDate: input.effectiveDate, summary: input.summary, ...termsOf(next) } });
      await this.events.publish('contracts.contract.amended', { type: 'contract', id }, { ...eventPayload(next), effectiveDate: input.effectiveDate, summary: input.summary });
      return this.get(id);
    });
  }

  /** Manual (express) renewal: before the end date, extends it by the renewal term; the contract is active for the new term. */
  async renew(id: string, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      const status = CONTRACT_TRANSITIONS.next(c.status, 'renew');
      if (c.renewalType !== 'manual' || !c.endDate || !c.renewalTermMonths) {
        throw new ContractsException(ContractsErrorCode.RenewalNotAllowed, c.renewalType === 'automatic' ? `Contract ${c.number} renews automatically at the end of its term.` : `Contract ${c.number} does not renew (renewal type ${c.renewalType}); amend it to extend it.`, { renewalType: c.renewalType });
      }
      const today = this.today();
      if (today > c.endDate) throw new ContractsException(ContractsErrorCode.RenewalNotAllowed, `Contract ${c.number} ended on ${c.endDate}; a manual renewal must come before the end date.`, { endDate: c.endDate });
      const next = await this.applyRenewal(c, [{ startDate: plusDays(c.endDate, 1), endDate: addMonthsKeepingMonthEnd(c.endDate, c.renewalTermMonths) }], 'manual', status);
      return this.view(next);
    });
  }

  /** Shared by the manual action and the daily job: renewal rows, new dates, one event per term. */
  async applyRenewal(c: Contract, terms: { startDate: string; endDate: string }[], kind: 'automatic' | 'manual', status: Contract['status']): Promise<Contract> {
    const now = new Date();
    const last = terms[terms.length - 1];
    await this.db.getRepository(Renewal).insert(terms.map((t, i) => ({ id: newId(), contractId: c.id, termNo: c.renewalCount + 2 + i, kind, startDate: t.startDate, endDate: t.endDate, renewedAt: now })));
    const dates = contractDates({ startDate: c.startDate, endDate: last.endDate, renewalType: c.renewalType, noticePeriod: c.noticePeriodValue && c.noticePeriodUnit ? { value: c.noticePeriodValue, unit: c.noticePeriodUnit } : null });
    const next: Contract = { ...c, ...dates, status, renewalCount: c.renewalCount + terms.length, version: c.version + 1, updatedAt: now };
    await this.contracts.update({ id: c.id }, { endDate: next.endDate, noticeDeadline: next.noticeDeadline, nextRenewalDate: next.nextRenewalDate, status, renewalCount: next.renewalCount, version: next.version, updatedAt: now });
    await this.audit.record({ action: 'contracts.contract.renewed', entityType: 'contract', entityId: c.id, before: { status: c.status, endDate: c.endDate, noticeDeadline: c.noticeDeadline }, after: { status, endDate: next.endDate, noticeDeadline: next.noticeDeadline, kind, terms: terms.length } });
    for (const [i, t] of terms.entries()) {
      await this.events.publish('contracts.contract.renewed', { type: 'contract', id: c.id }, { ...eventPayload(next), renewalKind: kind, termNo: c.renewalCount + 2 + i, termStartDate: t.startDate, termEndDate: t.endDate });
    }
    return next;
  }

  async terminate(id: string, input: TerminateContractDto, expectedVersion: number | undefined): Promise<ContractDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('contract', expectedVersion, c.version);
      const status = CONTRACT_TRANSITIONS.next(c.status, 'terminate');
      if (input.terminationDate < c.startDate) throw invalid('terminationDate', `must not be before the start date ${c.startDate}`);
      const now = new Date();
      await this.contracts.update({ id }, { status, terminatedAt: now, terminationDate: input.terminationDate, terminationReason: input.reason, nextRenewalDate: null, version: c.version + 1, updatedAt: now });
      await this.audit.record({ action: 'contracts.contract.terminated', entityType: 'contract', entityId: id, before: { status: c.status }, after: { status, terminationDate: input.terminationDate, reason: input.reason } });
      await this.events.publish('contracts.contract.terminated', { type: 'contract', id }, { ...eventPayload({ ...c, status }), terminationDate: input.terminationDate, reason: input.reason });
      return this.get(id);
    });
  }

  async versions(id: string): Promise<{ data: ContractVersionDto[] }> {
    await this.findOrThrow(id);
    const rows = await this.db.getRepository(ContractVersion).find({ where: { contractId: id }, order: { versionNo: 'ASC' } });
    const docIds = rows.map((v) => v.documentId).filter((d): d is string => Boolean(d));
    const docs = new Map((docIds.length ? await this.db.getRepository(ContractDocument).findBy({ id: In(docIds) }) : []).map((d) => [d.id, d]));
    return { data: rows.map((v) => this.versionView(v, v.documentId ? docs.get(v.documentId) ?? null : null)) };
  }

  async version(id: string, versionNo: number): Promise<ContractVersionDto> {
    const v = await this.versionOrThrow(id, versionNo);
    const doc = v.documentId ? await this.db.getRepository(ContractDocument).findOneBy({ id: v.documentId }) : null;
    return this.versionView(v, doc);
  }

  /** Renewals grow with every term, so they come a page at a time (oldest first). */
  async renewals(id: string, query: PageQuery): Promise<Page<RenewalDto>> {
    await this.findOrThrow(id);
    return paginate(this.db.getRepository(Renewal).createQueryBuilder('r').where('r.contract_id = :id', { id }), {
      sort: 'termNo',
      fields: RENEWAL_SORTS,
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'r.id',
      map: (r: Renewal) => ({ termNo: r.termNo, kind: r.kind, startDate: r.startDate, endDate: r.endDate, renewedAt: r.renewedAt.toISOString() }),
    });
  }

  async signatures(id: string): Promise<{ data: SignatureDto[] }> {
    await this.findOrThrow(id);
    const rows = await this.db.getRepository(Signature).find({ where: { contractId: id }, order: { signedAt: 'ASC', id: 'ASC' } });
    return { data: rows.map((s) => ({ id: s.id, versionNo: s.versionNo, signerId: s.signerId, name: s.name, email: s.email, role: s.role, party: s.party, signedAt: s.signedAt.toISOString(), versionSha256: s.versionSha256 })) };
  }

  /** Stores the file (bytes and SHA-256) as the version's document; a locked version refuses (409 `version_locked`). */
  async uploadDocument(id: string, versionNo: number, file: UploadedFile): Promise<DocumentDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      const v = await this.versionOrThrow(id, versionNo);
      if (v.lockedAt) throw new ContractsException(ContractsErrorCode.VersionLocked, `Version ${versionNo} of contract ${c.number} is signed or superseded; its document cannot change. Amend the contract to add a new version.`, { versionNo });
      const doc = { id: newId(), contractId: id, versionNo, fileName: file.fileName.slice(0, 255), contentType: file.contentType.split(';')[0].trim(), sizeBytes: file.size, sha256: file.sha256, content: file.content, createdAt: new Date() };
      await this.db.getRepository(ContractDocument).insert(doc);
      await this.db.getRepository(ContractVersion).update({ id: v.id }, { documentId: doc.id, documentSha256: doc.sha256 });
      await this.contracts.update({ id }, { version: c.version + 1, updatedAt: doc.createdAt });
      await this.audit.record({ action: 'contracts.document.uploaded', entityType: 'contract', entityId: id, before: { versionNo, documentSha256: v.documentSha256 }, after: { versionNo, documentSha256: doc.sha256, fileName: doc.fileName, sizeBytes: doc.sizeBytes } });
      await this.events.publish('contracts.document.uploaded', { type: 'contract', id }, {
        contractId: id,
        contractNumber: c.number,
        versionNo,
        documentId: doc.id,
        fileName: doc.fileName,
        contentType: doc.contentType,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        uploadedAt: doc.createdAt.toISOString(),
      });
      const { content: _content, contractId: _c, ...view } = doc;
      return { ...view, createdAt: doc.createdAt.toISOString() };
    });
  }

  async downloadDocument(id: string, versionNo: number): Promise<{ fileName: string; contentType: string; sha256: string; content: Buffer }> {
    const v = await this.versionOrThrow(id, versionNo);
    if (!v.documentId) throw new NotFoundProblem(`Document of version ${versionNo} of contract`, id);
    const doc = await this.db.getRepository(ContractDocument).createQueryBuilder('d').addSelect('d.content').where('d.id = :id', { id: v.documentId }).getOne();
    if (!doc) throw new NotFoundProblem('Document', v.documentId);
    return { fileName: doc.fileName, contentType: doc.contentType, sha256: doc.sha256, content: doc.content };
  }

  private versionView(v: ContractVersion, doc: ContractDocument | null): ContractVersionDto {
    return {
      versionNo: v.versionNo,
      kind: v.kind,
      effectiveDate: v.effectiveDate,
      summary: v.summary,
      terms: v.terms as unknown as Record<string, unknown>,
      documentSha256: v.documentSha256,
      documentFileName: doc?.fileName ?? null,
      sha256: versionSha256(v),
      locked: v.lockedAt !== null,
      createdAt: v.createdAt.toISOString(),
    };
  }

  async versionOrThrow(id: string, versionNo: number): Promise<ContractVersion> {
    const v = await this.db.getRepository(ContractVersion).findOneBy({ contractId: id, versionNo });
    if (!v) {
      await this.findOrThrow(id);
      throw new NotFoundProblem(`Version ${versionNo} of contract`, id);
    }
    return v;
  }

  async view(c: Contract): Promise<ContractDto> {
    const signers = await this.db.getRepository(Signer).find({ where: { contractId: c.id }, order: { party: 'ASC', email: 'ASC' } });
    const signed = await this.db.getRepository(Signature).find({ where: { contractId: c.id, versionNo: c.currentVersionNo } });
    const at = new Map(signed.map((s) => [s.signerId, s.signedAt.toISOString()]));
    return {
      ...summaryOf(c),
      allowedActions: CONTRACT_TRANSITIONS.allowedActions(c.status).filter((a) => a !== 'activate' && a !== 'enter_notice_window' && a !== 'expire'),
      paymentTerms: c.paymentTerms,
      governingLaw: c.governingLaw,
      terminationReason: c.terminationReason,
      signers: signers.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, party: s.party, required: s.required, signedAt: at.get(s.id) ?? null })),
    };
  }

  async findOrThrow(id: string, lock = false): Promise<Contract> {
    const c = await this.db.findById(Contract, id, { lock });
    if (!c) throw new NotFoundProblem('Contract', id);
    return c;
  }

  private dates(input: { startDate: string; endDate?: string; termMonths?: number; renewalType: Contract['renewalType']; renewalTermMonths?: number; noticePeriod?: { value: number; unit: 'days' | 'months' } }) {
    if (input.endDate && input.termMonths) throw invalid('termMonths', 'give endDate or termMonths, not both');
    if (input.endDate && input.endDate < input.startDate) throw invalid('endDate', `must not be before the start date ${input.startDate}`);
    if (input.renewalType !== 'none' && !input.renewalTermMonths) throw invalid('renewalTermMonths', 'is required when the contract renews');
    if (input.renewalType !== 'none' && !input.endDate && !input.termMonths) throw invalid('endDate', 'a renewing contract needs an end date or a term');
    return contractDates({ startDate: input.startDate, endDate: input.endDate ?? null, termMonths: input.termMonths ?? null, renewalType: input.renewalType, noticePeriod: input.noticePeriod ?? null });
  }

  /** Gapless per year: the counter row is taken in this transaction (a rollback gives the number back). */
  private async takeNumber(year: number): Promise<string> {
    const rows: { n: string }[] = await this.db.manager.query(
      `INSERT INTO ctr_number_counters (year, next_value) VALUES ($1, 2)
       ON CONFLICT (year) DO UPDATE SET next_value = ctr_number_counters.next_value + 1
       RETURNING next_value - 1 AS n`,
      [year],
    );
    return `CTR-${year}-${String(rows[0].n).padStart(4, '0')}`;
  }

  private async replaceSigners(contractId: string, signers: SignerInputDto[]): Promise<void> {
    const emails = signers.map((s) => s.email.toLowerCase());
    const dup = emails.findIndex((e, i) => emails.indexOf(e) !== i);
    if (dup >= 0) throw invalid(`signers[${dup}].email`, 'appears twice');
    const repo = this.db.getRepository(Signer);
    await repo.delete({ contractId });
    if (signers.length) await repo.insert(signers.map((s) => ({ id: newId(), contractId, name: s.name, email: s.email.toLowerCase(), role: s.role, party: s.party, required: s.required ?? true })));
  }

  private async assertEmployee(id: string, field: string): Promise<void> {
    if (!(await this.hr.findEmployee(id))) throw new PlatformException(PlatformErrorCode.InvalidReference, `Employee ${id} does not exist.`, { field }, [{ field, message: 'The employee does not exist.' }]);
  }

  private async resolveCounterparty(input: CounterpartyInputDto): Promise<ContractTerms['counterparty']> {
    const bad = (field: string, detail: string) => new ContractsException(ContractsErrorCode.InvalidCounterparty, detail, {}, `counterparty.${field}`);
    const address = input.address ? { ...input.address } : null;
    if (input.kind === 'employee') {
      if (!input.employeeId || input.customerId) throw bad('employeeId', 'An employee counterparty needs employeeId (and no customerId).');
      const e = await this.hr.findEmployee(input.employeeId);
      if (!e) throw bad('employeeId', `Employee ${input.employeeId} does not exist.`);
      return { kind: 'employee', employeeId: e.id, customerId: null, name: `${e.firstName} ${e.lastName}`, companyId: null, address };
    }
    if (input.kind === 'customer') {
      if (!input.customerId || input.employeeId) throw bad('customerId', 'A customer counterparty needs customerId (and no employeeId).');
      const cu = await this.invoicing.findCustomer(input.customerId);
      if (!cu) throw bad('customerId', `Customer ${input.customerId} does not exist.`);
      return { kind: 'customer', employeeId: null, customerId: cu.id, name: cu.legalName, companyId: input.companyId ?? null, address };
    }
    if (!input.name || input.employeeId || input.customerId) throw bad('name', 'A free party needs a name (and neither employeeId nor customerId).');
    return { kind: 'party', employeeId: null, customerId: null, name: input.name, companyId: input.companyId ?? null, address };
  }
}
