import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { toAddress } from '../address.dto';
import { sellerProfilePayload } from '../change.events';
import { CreateSellerProfileDto, ListSellerProfilesQuery, SellerProfileDto } from './dto/seller-profile.dto';
import { SellerProfile } from './seller-profile.entity';

const SORTS: Record<string, SortField> = { versionNo: { column: 's.version_no', type: 'int', value: (s: SellerProfile) => s.versionNo } };

export const toSellerProfileDto = (s: SellerProfile): SellerProfileDto => ({
  id: s.id,
  versionNo: s.versionNo,
  legalName: s.legalName,
  vatId: s.vatId,
  companyId: s.companyId,
  address: s.address,
  email: s.email,
  electronicAddress: s.electronicAddressScheme && s.electronicAddressId ? { scheme: s.electronicAddressScheme, id: s.electronicAddressId } : null,
  phone: s.phone,
  iban: s.iban,
  bic: s.bic,
  createdAt: s.createdAt.toISOString(),
});

@Injectable()
export class SellerProfileService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get profiles() {
    return this.db.getRepository(SellerProfile);
  }

  /** A change is a new version; the previous ones stay as issued invoices saw them. */
  async create(input: CreateSellerProfileDto): Promise<SellerProfileDto> {
    return this.db.withTransaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['invc_seller_profiles']);
      const previous = await this.findCurrent();
      const s: SellerProfile = {
        id: newId(),
        versionNo: (previous?.versionNo ?? 0) + 1,
        legalName: input.legalName.trim(),
        vatId: input.vatId ?? null,
        companyId: input.companyId ?? null,
        address: toAddress(input.address),
        email: input.email ?? null,
        electronicAddressScheme: input.electronicAddress?.scheme ?? null,
        electronicAddressId: input.electronicAddress?.id ?? null,
        phone: input.phone ?? null,
        iban: input.iban.replace(/\s+/g, ''),
        bic: input.bic ?? null,
        createdAt: new Date(),
      };
      await this.profiles.insert(s);
      const snapshot = (p: SellerProfile | null) => (p ? { ...toSellerProfileDto(p), id: undefined, createdAt: undefined } : null);
      await this.audit.record({ action: 'invoicing.seller_profile.changed', entityType: 'seller_profile', entityId: s.id, before: snapshot(previous), after: snapshot(s) });
      await this.events.publish('invoicing.seller_profile.changed', { type: 'seller_profile', id: s.id }, sellerProfilePayload(toSellerProfileDto(s), previous ? toSellerProfileDto(previous) : null));
      return toSellerProfileDto(s);
    });
  }

  async list(query: ListSellerProfilesQuery): Promise<Page<SellerProfileDto>> {
    return paginate(this.profiles.createQueryBuilder('s'), { sort: '-versionNo', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: toSellerProfileDto });
  }

  async findCurrent(): Promise<SellerProfile | null> {
    return this.profiles.findOne({ where: {}, order: { versionNo: 'DESC' } });
  }
}
