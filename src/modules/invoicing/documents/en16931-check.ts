/**
 * Conformance checker for the UBL 2.1 Invoice / CreditNote we emit, written from the rule texts of
 * EN 16931-1 (CEN validation artefacts, UBL binding: BR-*, BR-CO-*, BR-DEC-*, BR-<category>-*,
 * BR-CL-*, UBL-CR/SR/DT-*), Peppol BIS Billing 3.0 (PEPPOL-EN16931-*) and the UBL 2.1 schemas
 * (xs:sequence order of every element we emit). It reads the XML (not our BusinessDocument), so it
 * checks what a receiver would get. `renderUbl` output goes through it before the API serves it, and
 * the tests run it on every scenario; a violation names the rule id.
 *
 * Covered (each by its own check below):
 * - Core: BR-01..BR-16, BR-21..BR-27, BR-31..BR-33, BR-36..BR-38, BR-41, BR-42, BR-45..BR-50,
 *   BR-55, BR-57, BR-61..BR-63.
 * - Calculation and conditions: BR-CO-04, BR-CO-09..BR-CO-18, BR-CO-21..BR-CO-23, BR-CO-25, BR-CO-26.
 * - Decimals: BR-DEC-01, 05, 09..14, 16, 18..20, 23, 24, 27; UBL-DT-01 (every amount but prices).
 * - VAT categories: S (BR-S-01..10), Z (BR-Z-01..10), E (BR-E-01..10), AE (BR-AE-01..10),
 *   K (BR-IC-01..12), G (BR-G-01..10), O (BR-O-01..14), L (BR-IG-01..10), M (BR-IP-01..10).
 * - Code lists: BR-CL-01, BR-CL-03, BR-CL-04, BR-CL-08, BR-CL-14, BR-CL-16..18, BR-CL-22, BR-CL-25;
 *   Peppol PEPPOL-EN16931-CL007, CL008 (Peppol's EAS subset, May 2026 release: no `EM`), P0100, P0101, P0104..P0111, F001.
 * - Peppol identifier formats of electronic addresses (EndpointID only): PEPPOL-COMMON-R040 (0088 GLN),
 *   R041 (0192), R042 (0184), R043 (0208), R049 (0007), R050 (0151), R052 (0096), R053 (0198).
 * - Peppol: PEPPOL-EN16931-R001..R004, R007, R008, R010, R020, R043, R051, R053, R054, R120.
 * - Syntax: the UBL-CR rules as an allow-list (every element is one the EN 16931 UBL binding uses and
 *   that we mean to emit), UBL-SR-05, 09..12, 15..18, 40 (cardinalities), UBL-DT-08..26 (attributes:
 *   only currencyID, unitCode, schemeID and PaymentMeansCode/@name), and XSD-SEQUENCE / XSD-NAMESPACE /
 *   XSD-REQUIRED against the UBL 2.1 sequences of Invoice, CreditNote and every aggregate we emit.
 *   Verified element by element (order, minOccurs, maxOccurs) against the official OASIS UBL 2.1 OS
 *   (2013-11-04) xsdrt/common/UBL-CommonAggregateComponents-2.1.xsd: SupplierParty, CustomerParty,
 *   Party, PartyName, Address, Country, PartyTaxScheme, TaxScheme, PartyLegalEntity, Contact,
 *   OrderReference, BillingReference, DocumentReference, Delivery, Location, PaymentMeans,
 *   FinancialAccount, Branch, PaymentTerms, AllowanceCharge, TaxCategory, TaxTotal, TaxSubtotal,
 *   MonetaryTotal, InvoiceLine, CreditNoteLine, Item, Price (CreditNoteLine has PaymentTerms and puts
 *   TaxTotal before AllowanceCharge, unlike InvoiceLine; CreditNoteLine/Item and TaxCategory/TaxScheme
 *   are optional in the XSD, so their absence is reported by EN 16931 rules such as BR-25, BR-CO-04,
 *   BR-47, not by XSD-REQUIRED). The document-level sequences come from UBL-Invoice-2.1.xsd and
 *   UBL-CreditNote-2.1.xsd.
 *
 * Not covered, deliberately (nothing we emit can trigger them, or the rule has no test):
 * - Groups we never emit: payee (BR-17, UBL-SR-19..21), tax representative (BR-18..20, BR-56),
 *   invoicing periods (BR-29, BR-30, BR-CO-19, BR-CO-20, PEPPOL-EN16931-R110/R111), payment card and
 *   mandate (BR-51, BR-66, BR-67, PEPPOL-EN16931-R061), additional documents and attachments (BR-52,
 *   BR-CL-07, BR-CL-24, UBL-DT-06/07, UBL-SR-04/33/43, PEPPOL-EN16931-R080/R100/R101, CL001), item
 *   attributes, classifications and standard ids (BR-54, BR-64, BR-65, BR-CL-13/15/21), tax point
 *   date and VAT accounting currency (BR-53, BR-CO-03, BR-DEC-15, BR-CL-05/06, PEPPOL-EN16931-R005,
 *   R055, CL006), price discounts and base quantities (BR-28, PEPPOL-EN16931-R044, R046, R121, R130),
 *   base amounts and percentages (BR-DEC-02/06/25/28, PEPPOL-EN16931-R040..R042), rounding amount
 *   (BR-DEC-17), reason codes (BR-CL-19/20, BR-CO-05..08, PEPPOL-EN16931-CL002/CL003: we send reasons
 *   as text only), party identifiers with ICD schemes (BR-CL-10/11/26; PEPPOL-COMMON-R040..R053 are checked on
 *   EndpointID only, the one identifier we emit with a scheme).
 * - BR-CL-23 (UN/ECE Rec 20 unit codes): the ~2000-code list is not embedded; input only checks the
 *   code's format, so a well-formed unknown unit code is not caught here.
 * - National Peppol rules (NO, DK, IT, SE, GR, IS, NL): they add requirements for sellers in those
 *   countries (e.g. Greek MARK numbers, Danish CVR scheme ids) that our data model cannot express.
 * - Code lists are checked against ISO 3166 / ISO 4217 as the `validator` package knows them, the VATEX
 *   list of the CEN artefacts and Peppol's EAS list; list versions may differ slightly from a given
 *   release of the official artefacts.
 */
import { isISO31661Alpha2, isISO4217CurrencyCode } from 'class-validator';
import Decimal from 'decimal.js';
import { create } from 'xmlbuilder2';
import { PEPPOL_EAS, SCHEME_FORMATS } from '../electronic-address';

export interface Violation {
  /** The official rule id (or XSD-SEQUENCE / XSD-NAMESPACE / XSD-REQUIRED for the schema checks). */
  rule: string;
  message: string;
  /** Where, as a path of element names. */
  at?: string;
}

export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** Peppol's Electronic Address Scheme list (PEPPOL-EN16931-CL008); one list with the API's input validation. */
export { PEPPOL_EAS };

/** CEF VATEX exemption reason codes (BR-CL-22), upper case. */
export const VATEX_CODES = new Set(
  ('132-1A 132-1B 132-1C 132-1D 132-1E 132-1F 132-1G 132-1H 132-1I 132-1J 132-1K 132-1L 132-1M 132-1N 132-1O 132-1P 132-1Q ' +
    '143-1A 143-1B 143-1C 143-1D 143-1E 143-1F 143-1FA 143-1G 143-1H 143-1I 143-1J 143-1K 143-1L 309 148-A 148-B 148-C 148-D 148-E 148-F 148-G ' +
    '151-1A 151-1AA 151-1B 151-1C 151-1D 151-1E G O IC AE D F I J')
    .split(' ')
    .map((c) => `VATEX-EU-${c}`),
);

/** Peppol P0104..P0111: an exemption code that names a category must sit on that category. */
export const VATEX_CATEGORY: Record<string, { category: string; rule: string }> = {
  'VATEX-EU-G': { category: 'G', rule: 'PEPPOL-EN16931-P0104' },
  'VATEX-EU-O': { category: 'O', rule: 'PEPPOL-EN16931-P0105' },
  'VATEX-EU-IC': { category: 'K', rule: 'PEPPOL-EN16931-P0106' },
  'VATEX-EU-AE': { category: 'AE', rule: 'PEPPOL-EN16931-P0107' },
  'VATEX-EU-D': { category: 'E', rule: 'PEPPOL-EN16931-P0108' },
  'VATEX-EU-F': { category: 'E', rule: 'PEPPOL-EN16931-P0109' },
  'VATEX-EU-I': { category: 'E', rule: 'PEPPOL-EN16931-P0110' },
  'VATEX-EU-J': { category: 'E', rule: 'PEPPOL-EN16931-P0111' },
};

export const PEPPOL_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'];
const UNTDID_1001_INVOICE = ' 80 82 84 130 202 203 204 211 295 325 326 380 383 384 385 386 387 388 389 390 393 394 395 456 457 527 575 623 633 751 780 935 ';
const UNTDID_1001_CREDIT = ' 81 83 261 262 296 308 381 396 420 458 532 ';
const PEPPOL_INVOICE_TYPES = ' 71 80 82 84 102 218 219 331 380 382 383 386 388 393 395 553 575 623 780 817 870 875 876 877 ';
const PEPPOL_CREDIT_TYPES = ' 381 396 81 83 532 ';
/** UNCL 4461 payment means codes (BR-CL-16). */
const UNCL_4461 = new Set([...Array.from({ length: 68 }, (_, i) => String(i + 1)), '70', '74', '75', '76', '77', '78', '91', '92', '93', '94', '95', '96', '97', 'ZZZ']);
/** UNCL 4451 text subject qualifiers (BR-CL-08), as far as a note may carry one (`#CODE#text`). */
const UNCL_4451 = new Set(
  ('AAA AAB AAC AAD AAE AAF AAG AAI AAJ AAK AAL AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV AAW AAX AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP ABQ ABR ABS ABT ABU ABV ABW ABX ABZ ' +
    'ACA ACB ACC ACD ACE ACF ACG ACH ACI ACJ ACK ACL ACM ACN ACO ACP ACQ ACR ACS ACT ACU ACV ACW ACX ACY ACZ ADA ADB ADC ADD ADE ADF ADG ADH ADI ADJ ADK ADL ADM ADN ADO ADP ADQ ADR ADS ADT ADU ADV ADW ADX ADY ADZ ' +
    'AEA AEB AEC AED AEE AEF AEG AEH AEI AEJ AEK AEL AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AFA AFB AFC AFD AFE AFF AFG AFH AFI AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW AFX AFY AFZ ' +
    'AGA AGB AGC AGD AGE AGF AGG AGH AGI AGJ AGK AGL AGM AGN AGO AGP AGQ AGR AGS AGT AGU AGV AGW AGX AGY AGZ AHA AHB AHC AHD AHE AHF AHG AHH AHI AHJ AHK AHL AHM AHN AHO AHP AHQ AHR AHS AHT AHU AHV AHW AHX AHY AHZ ' +
    'AIA AIB AIC AID AIE AIF AIG AIH AII AIJ AIK AIL AIM AIN AIO AIP AIQ AIR AIS AIT AIU AIV AIW AIX AIY AIZ AJA AJB ALC ALD ALE ALF ALG ALH ALI ALJ ALK ALL ALM ALN ALO ALP ALQ ARR ARS AUT AUU AUV AUW AUX AUY AUZ ' +
    'AVA AVB AVC AVD AVE AVF BAG BAH BAI BAJ BAK BAL BAM BAN BAO BAP BAQ BLC BLD BLE BLF BLG BLH BLI BLJ BLK BLL BLM BLN BLO BLP BLQ BLR BLS BLT BLU BLV BLW BLX BLY BLZ BMA BMB BMC BMD BME CCI CEX CHG CIP CLP ' +
    'CLR COI CUR CUS DAR DCL DEL DIN DOC DUT EUR FBC GBL GEN GS7 HAN HAZ ICN IIN IMI IND INS INV IRP ITR ITS LAN LIN LOI MCO MDH MKS ORI OSI PAC PAI PAY PKG PKT PMD PMT PRD PRF PRI PUR QIN QQD QUT RAH REG RET ' +
    'REV RQR SAF SIC SIN SLR SPA SPG SPH SPP SPT SRN SSR SUR TCA TDT TRA TRR TXD WHI ZZZ').split(' '),
);

// ---------------------------------------------------------------- a small read-only tree over the XML

interface Node {
  /** `cac:Name`, `cbc:Name` or the root's local name, by namespace (not by the prefix the XML used). */
  name: string;
  local: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
  path: string;
  parent: Node | null;
}

type DomElement = { nodeType: number; localName: string; namespaceURI: string | null; firstChild: DomElement | null; nextSibling: DomElement | null; textContent: string | null; attributes: ArrayLike<{ name: string; value: string }> };

function toNode(el: DomElement, parent: Node | null): Node {
  const prefix = el.namespaceURI === UBL_NS.cac ? 'cac:' : el.namespaceURI === UBL_NS.cbc ? 'cbc:' : '';
  const node: Node = { name: `${prefix}${el.localName}`, local: el.localName, ns: el.namespaceURI, attrs: {}, children: [], text: '', path: '', parent };
  node.path = parent ? `${parent.path}/${node.name}` : node.name;
  for (const a of Array.from(el.attributes)) if (!a.name.startsWith('xmlns')) node.attrs[a.name] = a.value;
  const kids: DomElement[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) kids.push(c);
  node.children = kids.filter((c) => c.nodeType === 1).map((c) => toNode(c, node));
  node.text = kids.filter((c) => c.nodeType === 3 || c.nodeType === 4).map((c) => c.textContent ?? '').join('');
  return node;
}

/** Child elements along a path of names, e.g. `cac:TaxTotal/cac:TaxSubtotal`. */
const all = (n: Node, path: string): Node[] => path.split('/').reduce<Node[]>((ns, name) => ns.flatMap((x) => x.children.filter((c) => c.name === name)), [n]);
const first = (n: Node, path: string): Node | undefined => all(n, path)[0];
const has = (n: Node, path: string) => all(n, path).some((x) => x.text.trim() !== '' || x.children.length > 0);
const val = (n: Node, path: string): string | undefined => first(n, path)?.text.trim();
const descendants = (n: Node): Node[] => n.children.flatMap((c) => [c, ...descendants(c)]);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const num = (s: string | undefined): Decimal | null => (s !== undefined && DECIMAL.test(s) ? new Decimal(s) : null);
const sum = (nodes: Node[], path: string) => nodes.reduce((s, x) => s.plus(num(val(x, path)) ?? 0), new Decimal(0));
const decimals = (s: string) => (s.includes('.') ? s.split('.')[1].length : 0);
/** The schematron's `round(x * 100) div 100` (XPath round: half towards positive infinity). */
const round2 = (d: Decimal) => d.times(100).plus(new Decimal('0.5')).floor().dividedBy(100);
const categoryOf = (tc: Node | undefined) => (tc && val(tc, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT' ? val(tc, 'cbc:ID') : undefined);

// ---------------------------------------------------------------- UBL 2.1 sequences (xs:sequence order)

/** `!` marks minOccurs 1, `*` maxOccurs unbounded. Invoice and CreditNote: UBL-Invoice-2.1.xsd / UBL-CreditNote-2.1.xsd; the rest: UBL-CommonAggregateComponents-2.1.xsd. */
const SEQUENCES: Record<string, string> = {
  Invoice:
    'UBLExtensions UBLVersionID CustomizationID ProfileID ProfileExecutionID !ID CopyIndicator UUID !IssueDate IssueTime DueDate InvoiceTypeCode Note* TaxPointDate DocumentCurrencyCode TaxCurrencyCode PricingCurrencyCode PaymentCurrencyCode PaymentAlternativeCurrencyCode AccountingCostCode AccountingCost LineCountNumeric BuyerReference InvoicePeriod* OrderReference BillingReference* DespatchDocumentReference* ReceiptDocumentReference* StatementDocumentReference* OriginatorDocumentReference* ContractDocumentReference* AdditionalDocumentReference* ProjectReference* Signature* !AccountingSupplierParty !AccountingCustomerParty PayeeParty BuyerCustomerParty SellerSupplierParty TaxRepresentativeParty Delivery* DeliveryTerms PaymentMeans* PaymentTerms* PrepaidPayment* AllowanceCharge* TaxExchangeRate PricingExchangeRate PaymentExchangeRate PaymentAlternativeExchangeRate TaxTotal* WithholdingTaxTotal* !LegalMonetaryTotal !InvoiceLine*',
  CreditNote:
    'UBLExtensions UBLVersionID CustomizationID ProfileID ProfileExecutionID !ID CopyIndicator UUID !IssueDate IssueTime TaxPointDate CreditNoteTypeCode Note* DocumentCurrencyCode TaxCurrencyCode PricingCurrencyCode PaymentCurrencyCode PaymentAlternativeCurrencyCode AccountingCostCode AccountingCost LineCountNumeric BuyerReference InvoicePeriod* DiscrepancyResponse* OrderReference BillingReference* DespatchDocumentReference* ReceiptDocumentReference* ContractDocumentReference* AdditionalDocumentReference* StatementDocumentReference* OriginatorDocumentReference* Signature* !AccountingSupplierParty !AccountingCustomerParty PayeeParty BuyerCustomerParty SellerSupplierParty TaxRepresentativeParty Delivery* DeliveryTerms* PaymentMeans* PaymentTerms* TaxExchangeRate PricingExchangeRate PaymentExchangeRate PaymentAlternativeExchangeRate AllowanceCharge* TaxTotal* !LegalMonetaryTotal !CreditNoteLine*',
  SupplierParty: 'CustomerAssignedAccountID AdditionalAccountID* DataSendingCapability Party DespatchContact AccountingContact SellerContact',
  CustomerParty: 'CustomerAssignedAccountID SupplierAssignedAccountID AdditionalAccountID* Party DeliveryContact AccountingContact BuyerContact',
  Party:
    'MarkCareIndicator MarkAttentionIndicator WebsiteURI LogoReferenceID EndpointID IndustryClassificationCode PartyIdentification* PartyName* Language PostalAddress PhysicalLocation PartyTaxScheme* PartyLegalEntity* Contact Person* AgentParty ServiceProviderParty* PowerOfAttorney* FinancialAccount',
  PartyName: '!Name',
  Address:
    'ID AddressTypeCode AddressFormatCode Postbox Floor Room StreetName AdditionalStreetName BlockName BuildingName BuildingNumber InhouseMail Department MarkAttention MarkCare PlotIdentification CitySubdivisionName CityName PostalZone CountrySubentity CountrySubentityCode Region District TimezoneOffset AddressLine* Country LocationCoordinate*',
  Country: 'IdentificationCode Name',
  PartyTaxScheme: 'RegistrationName CompanyID TaxLevelCode ExemptionReasonCode ExemptionReason* RegistrationAddress !TaxScheme',
  TaxScheme: 'ID Name TaxTypeCode CurrencyCode JurisdictionRegionAddress*',
  PartyLegalEntity:
    'RegistrationName CompanyID RegistrationDate RegistrationExpirationDate CompanyLegalFormCode CompanyLegalForm SoleProprietorshipIndicator CompanyLiquidationStatusCode CorporateStockAmount FullyPaidSharesIndicator RegistrationAddress CorporateRegistrationScheme HeadOfficeParty ShareholderParty*',
  Contact: 'ID Name Telephone Telefax ElectronicMail Note* OtherCommunication*',
  OrderReference: '!ID SalesOrderID CopyIndicator UUID IssueDate IssueTime CustomerReference OrderTypeCode DocumentReference',
  BillingReference:
    'InvoiceDocumentReference SelfBilledInvoiceDocumentReference CreditNoteDocumentReference SelfBilledCreditNoteDocumentReference DebitNoteDocumentReference ReminderDocumentReference AdditionalDocumentReference BillingReferenceLine*',
  DocumentReference:
    '!ID CopyIndicator UUID IssueDate IssueTime DocumentTypeCode DocumentType XPath* LanguageID LocaleCode VersionID DocumentStatusCode DocumentDescription* Attachment ValidityPeriod IssuerParty ResultOfVerification',
  Delivery:
    'ID Quantity MinimumQuantity MaximumQuantity ActualDeliveryDate ActualDeliveryTime LatestDeliveryDate LatestDeliveryTime ReleaseID TrackingID DeliveryAddress DeliveryLocation AlternativeDeliveryLocation RequestedDeliveryPeriod PromisedDeliveryPeriod EstimatedDeliveryPeriod CarrierParty DeliveryParty NotifyParty* Despatch DeliveryTerms* MinimumDeliveryUnit MaximumDeliveryUnit Shipment',
  Location: 'ID Description* Conditions* CountrySubentity CountrySubentityCode LocationTypeCode InformationURI Name ValidityPeriod* Address SubsidiaryLocation* LocationCoordinate*',
  PaymentMeans: 'ID !PaymentMeansCode PaymentDueDate PaymentChannelCode InstructionID InstructionNote* PaymentID* CardAccount PayerFinancialAccount PayeeFinancialAccount CreditAccount PaymentMandate TradeFinancing',
  FinancialAccount: 'ID Name AliasName AccountTypeCode AccountFormatCode CurrencyCode PaymentNote* FinancialInstitutionBranch Country',
  Branch: 'ID Name FinancialInstitution Address',
  PaymentTerms:
    'ID PaymentMeansID* PrepaidPaymentReferenceID Note* ReferenceEventCode SettlementDiscountPercent PenaltySurchargePercent PaymentPercent Amount SettlementDiscountAmount PenaltyAmount PaymentTermsDetailsURI PaymentDueDate InstallmentDueDate InvoicingPartyReference SettlementPeriod PenaltyPeriod ExchangeRate ValidityPeriod',
  AllowanceCharge:
    'ID !ChargeIndicator AllowanceChargeReasonCode AllowanceChargeReason* MultiplierFactorNumeric PrepaidIndicator SequenceNumeric !Amount BaseAmount AccountingCostCode AccountingCost PerUnitAmount TaxCategory* TaxTotal PaymentMeans*',
  TaxCategory: 'ID Name Percent BaseUnitMeasure PerUnitAmount TaxExemptionReasonCode TaxExemptionReason* TierRange TierRatePercent TaxScheme',
  TaxTotal: '!TaxAmount RoundingAmount TaxEvidenceIndicator TaxIncludedIndicator TaxSubtotal*',
  TaxSubtotal: 'TaxableAmount !TaxAmount CalculationSequenceNumeric TransactionCurrencyTaxAmount Percent BaseUnitMeasure PerUnitAmount TierRange TierRatePercent !TaxCategory',
  MonetaryTotal: 'LineExtensionAmount TaxExclusiveAmount TaxInclusiveAmount AllowanceTotalAmount ChargeTotalAmount PrepaidAmount PayableRoundingAmount !PayableAmount PayableAlternativeAmount',
  InvoiceLine:
    '!ID UUID Note* InvoicedQuantity !LineExtensionAmount TaxPointDate AccountingCostCode AccountingCost PaymentPurposeCode FreeOfChargeIndicator InvoicePeriod* OrderLineReference* DespatchLineReference* ReceiptLineReference* BillingReference* DocumentReference* PricingReference OriginatorParty Delivery* PaymentTerms* AllowanceCharge* TaxTotal* WithholdingTaxTotal* !Item Price DeliveryTerms SubInvoiceLine* ItemPriceExtension',
  CreditNoteLine:
    '!ID UUID Note* CreditedQuantity LineExtensionAmount TaxPointDate AccountingCostCode AccountingCost PaymentPurposeCode FreeOfChargeIndicator InvoicePeriod* OrderLineReference* DiscrepancyResponse* DespatchLineReference* ReceiptLineReference* BillingReference* DocumentReference* PricingReference OriginatorParty Delivery* PaymentTerms* TaxTotal* AllowanceCharge* Item Price DeliveryTerms* SubCreditNoteLine* ItemPriceExtension',
  Item:
    'Description* PackQuantity PackSizeNumeric CatalogueIndicator Name HazardousRiskIndicator AdditionalInformation* Keyword* BrandName* ModelName* BuyersItemIdentification SellersItemIdentification ManufacturersItemIdentification* StandardItemIdentification CatalogueItemIdentification AdditionalItemIdentification* CatalogueDocumentReference ItemSpecificationDocumentReference* OriginCountry CommodityClassification* TransactionConditions* HazardousItem* ClassifiedTaxCategory* AdditionalItemProperty* ManufacturerParty* InformationContentProviderParty OriginAddress* ItemInstance* Certificate* Dimension*',
  Price: '!PriceAmount BaseQuantity PriceChangeReason* PriceTypeCode PriceType OrderableUnitFactorRate ValidityPeriod* PriceList AllowanceCharge* PricingExchangeRate',
};
const PARSED_SEQUENCES = Object.fromEntries(
  Object.entries(SEQUENCES).map(([type, seq]) => [type, seq.split(' ').map((e) => ({ name: e.replace(/[!*]/g, ''), required: e.startsWith('!'), many: e.endsWith('*') }))]),
);
/** The aggregate (cac) elements we emit and the UBL type each one has. */
const TYPE_OF: Record<string, string> = {
  AccountingSupplierParty: 'SupplierParty', AccountingCustomerParty: 'CustomerParty', Party: 'Party', PartyName: 'PartyName', PostalAddress: 'Address', Address: 'Address',
  Country: 'Country', PartyTaxScheme: 'PartyTaxScheme', TaxScheme: 'TaxScheme', PartyLegalEntity: 'PartyLegalEntity', Contact: 'Contact', OrderReference: 'OrderReference',
  BillingReference: 'BillingReference', InvoiceDocumentReference: 'DocumentReference', Delivery: 'Delivery', DeliveryLocation: 'Location', PaymentMeans: 'PaymentMeans',
  PayeeFinancialAccount: 'FinancialAccount', FinancialInstitutionBranch: 'Branch', PaymentTerms: 'PaymentTerms', AllowanceCharge: 'AllowanceCharge', TaxCategory: 'TaxCategory',
  ClassifiedTaxCategory: 'TaxCategory', TaxTotal: 'TaxTotal', TaxSubtotal: 'TaxSubtotal', LegalMonetaryTotal: 'MonetaryTotal', InvoiceLine: 'InvoiceLine', CreditNoteLine: 'CreditNoteLine',
  Item: 'Item', Price: 'Price',
};
/** Basic (cbc) elements of each aggregate that belong to the CAC namespace; everything else in a sequence is cbc. */
const AGGREGATES = new Set([...Object.keys(TYPE_OF), 'UBLExtensions', 'InvoicePeriod', 'DespatchDocumentReference', 'ReceiptDocumentReference', 'StatementDocumentReference', 'OriginatorDocumentReference', 'ContractDocumentReference', 'AdditionalDocumentReference', 'ProjectReference', 'Signature', 'PayeeParty', 'BuyerCustomerParty', 'SellerSupplierParty', 'TaxRepresentativeParty', 'DeliveryTerms', 'PrepaidPayment', 'TaxExchangeRate', 'PricingExchangeRate', 'PaymentExchangeRate', 'PaymentAlternativeExchangeRate', 'WithholdingTaxTotal', 'DiscrepancyResponse']);

/**
 * UBL-CR-*: the EN 16931 binding forbids (as warnings) every UBL element outside the model. We state
 * it positively: the element paths (below the root) that we emit and the binding allows.
 */
const PARTY = ['cbc:EndpointID', 'cac:PartyName', 'cac:PartyName/cbc:Name', 'cac:PostalAddress', 'cac:PostalAddress/cbc:StreetName', 'cac:PostalAddress/cbc:AdditionalStreetName', 'cac:PostalAddress/cbc:CityName', 'cac:PostalAddress/cbc:PostalZone', 'cac:PostalAddress/cac:Country', 'cac:PostalAddress/cac:Country/cbc:IdentificationCode', 'cac:PartyTaxScheme', 'cac:PartyTaxScheme/cbc:CompanyID', 'cac:PartyTaxScheme/cac:TaxScheme', 'cac:PartyTaxScheme/cac:TaxScheme/cbc:ID', 'cac:PartyLegalEntity', 'cac:PartyLegalEntity/cbc:RegistrationName', 'cac:PartyLegalEntity/cbc:CompanyID', 'cac:Contact', 'cac:Contact/cbc:ElectronicMail'];
const TAX_CATEGORY = ['cbc:ID', 'cbc:Percent', 'cac:TaxScheme', 'cac:TaxScheme/cbc:ID'];
const ALLOWED_PATHS = new Set([
  ...'cbc:CustomizationID cbc:ProfileID cbc:ID cbc:IssueDate cbc:DueDate cbc:InvoiceTypeCode cbc:CreditNoteTypeCode cbc:Note cbc:DocumentCurrencyCode cbc:BuyerReference'.split(' '),
  'cac:OrderReference', 'cac:OrderReference/cbc:ID', 'cac:BillingReference', 'cac:BillingReference/cac:InvoiceDocumentReference', 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID', 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate',
  'cac:AccountingSupplierParty', 'cac:AccountingSupplierParty/cac:Party', ...PARTY.map((p) => `cac:AccountingSupplierParty/cac:Party/${p}`),
  'cac:AccountingCustomerParty', 'cac:AccountingCustomerParty/cac:Party', ...PARTY.map((p) => `cac:AccountingCustomerParty/cac:Party/${p}`),
  'cac:Delivery', 'cac:Delivery/cbc:ActualDeliveryDate', 'cac:Delivery/cac:DeliveryLocation', 'cac:Delivery/cac:DeliveryLocation/cac:Address', 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country', 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode',
  'cac:PaymentMeans', 'cac:PaymentMeans/cbc:PaymentMeansCode', 'cac:PaymentMeans/cbc:PaymentID', 'cac:PaymentMeans/cac:PayeeFinancialAccount', 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID', 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:Name', 'cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch', 'cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID',
  'cac:PaymentTerms', 'cac:PaymentTerms/cbc:Note',
  'cac:AllowanceCharge', 'cac:AllowanceCharge/cbc:ChargeIndicator', 'cac:AllowanceCharge/cbc:AllowanceChargeReason', 'cac:AllowanceCharge/cbc:Amount', 'cac:AllowanceCharge/cac:TaxCategory', ...TAX_CATEGORY.map((p) => `cac:AllowanceCharge/cac:TaxCategory/${p}`),
  'cac:TaxTotal', 'cac:TaxTotal/cbc:TaxAmount', 'cac:TaxTotal/cac:TaxSubtotal', 'cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount', 'cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount', 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory',
  ...[...TAX_CATEGORY, 'cbc:TaxExemptionReasonCode', 'cbc:TaxExemptionReason'].map((p) => `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/${p}`),
  'cac:LegalMonetaryTotal', ...'LineExtensionAmount TaxExclusiveAmount TaxInclusiveAmount AllowanceTotalAmount ChargeTotalAmount PrepaidAmount PayableAmount'.split(' ').map((p) => `cac:LegalMonetaryTotal/cbc:${p}`),
  ...['cac:InvoiceLine', 'cac:CreditNoteLine'].flatMap((line) => [
    line, `${line}/cbc:ID`, `${line}/cbc:InvoicedQuantity`, `${line}/cbc:CreditedQuantity`, `${line}/cbc:LineExtensionAmount`, `${line}/cac:AllowanceCharge`, `${line}/cac:AllowanceCharge/cbc:ChargeIndicator`, `${line}/cac:AllowanceCharge/cbc:AllowanceChargeReason`, `${line}/cac:AllowanceCharge/cbc:Amount`,
    `${line}/cac:Item`, `${line}/cac:Item/cbc:Name`, `${line}/cac:Item/cac:ClassifiedTaxCategory`, ...TAX_CATEGORY.map((p) => `${line}/cac:Item/cac:ClassifiedTaxCategory/${p}`), `${line}/cac:Price`, `${line}/cac:Price/cbc:PriceAmount`,
  ]),
]);
/** UBL-DT-08..26: the attributes the binding keeps. */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { currencyID: [], unitCode: ['cbc:InvoicedQuantity', 'cbc:CreditedQuantity'], schemeID: ['cbc:EndpointID'], name: ['cbc:PaymentMeansCode'] };

// ---------------------------------------------------------------- the checker

export function checkUbl(xml: string): Violation[] {
  const out: Violation[] = [];
  const fail = (rule: string, message: string, at?: Node) => out.push({ rule, message, ...(at ? { at: at.path } : {}) });
  const check = (ok: boolean, rule: string, message: string, at?: Node) => {
    if (!ok) fail(rule, message, at);
  };

  let root: Node;
  try {
    root = toNode((create(xml).node as unknown as { documentElement: DomElement }).documentElement, null);
  } catch (e) {
    return [{ rule: 'XML', message: `Not well-formed XML: ${(e as Error).message}` }];
  }
  const credit = root.local === 'CreditNote';
  if (!((root.local === 'Invoice' && root.ns === UBL_NS.invoice) || (credit && root.ns === UBL_NS.creditNote))) {
    return [{ rule: 'XSD-NAMESPACE', message: `The root must be Invoice in ${UBL_NS.invoice} or CreditNote in ${UBL_NS.creditNote}, not ${root.local} in ${root.ns}.` }];
  }
  const nodes = descendants(root);
  const lineName = credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  const lines = all(root, lineName);
  const currency = val(root, 'cbc:DocumentCurrencyCode');
  const seller = first(root, 'cac:AccountingSupplierParty/cac:Party');
  const buyer = first(root, 'cac:AccountingCustomerParty/cac:Party');
  const total = first(root, 'cac:LegalMonetaryTotal');
  const docAcs = all(root, 'cac:AllowanceCharge');
  const allowances = docAcs.filter((a) => val(a, 'cbc:ChargeIndicator') === 'false');
  const charges = docAcs.filter((a) => val(a, 'cbc:ChargeIndicator') === 'true');
  const taxTotals = all(root, 'cac:TaxTotal');
  const subtotals = all(root, 'cac:TaxTotal/cac:TaxSubtotal');

  // ---- UBL 2.1 schema: namespaces, sequences, cardinalities, required children; cbc elements hold text only.
  for (const n of [root, ...nodes]) {
    if (n !== root) {
      const expected = AGGREGATES.has(n.local) ? UBL_NS.cac : UBL_NS.cbc;
      check(n.ns === expected, 'XSD-NAMESPACE', `${n.local} belongs to ${expected}, not ${n.ns}.`, n);
      if (n.ns === UBL_NS.cbc) check(n.children.length === 0, 'XSD-SEQUENCE', `${n.name} is a basic component and holds text only.`, n);
    }
    const type = n === root ? root.local : n.ns === UBL_NS.cac ? TYPE_OF[n.local] : undefined;
    if (!type) continue;
    const seq = PARSED_SEQUENCES[type];
    let last = -1;
    let lastName = '';
    for (const c of n.children) {
      const i = seq.findIndex((s) => s.name === c.local);
      if (i < 0) fail('XSD-SEQUENCE', `${c.local} is not allowed in ${type}.`, c);
      else if (i < last) fail('XSD-SEQUENCE', `${c.local} must come before ${lastName} in ${type}.`, c);
      else if (i === last && !seq[i].many) fail('XSD-SEQUENCE', `${c.local} may occur once in ${type}.`, c);
      if (i >= last) [last, lastName] = [i, c.local];
    }
    for (const s of seq.filter((x) => x.required)) check(n.children.some((c) => c.local === s.name), 'XSD-REQUIRED', `${type} needs ${s.name}.`, n);
  }

  // ---- UBL-CR-*, UBL-DT-08..26: only the elements and attributes of the EN 16931 binding (and of our profile).
  for (const n of nodes) {
    const rel = n.path.slice(root.path.length + 1);
    check(ALLOWED_PATHS.has(rel), 'UBL-CR', `${rel} is not part of the EN 16931 UBL binding we emit.`, n);
    for (const a of Object.keys(n.attrs)) {
      const where = ALLOWED_ATTRIBUTES[a];
      const ok = a === 'currencyID' ? n.local.endsWith('Amount') : where !== undefined && where.includes(n.name);
      check(ok, a === 'name' ? 'UBL-DT-18' : 'UBL-DT-08', `Attribute ${a} is not allowed on ${n.name}.`, n);
    }
  }

  // ---- Peppol R008: no empty elements.
  for (const n of nodes) check(n.children.length > 0 || n.text.trim() !== '', 'PEPPOL-EN16931-R008', `${n.name} is empty.`, n);

  // ---- Document level: BR-01..BR-16, Peppol R001..R004, R007, R053, R054, code lists.
  check(has(root, 'cbc:CustomizationID'), 'BR-01', 'The specification identifier (BT-24) is missing.');
  check((val(root, 'cbc:CustomizationID') ?? '').startsWith(PEPPOL_CUSTOMIZATION), 'PEPPOL-EN16931-R004', `The specification identifier must be ${PEPPOL_CUSTOMIZATION}.`);
  check(has(root, 'cbc:ProfileID'), 'PEPPOL-EN16931-R001', 'The business process (BT-23) is missing.');
  check(/^urn:fdc:peppol\.eu:2017:poacc:billing:\d{2}:1\.0$/.test(val(root, 'cbc:ProfileID') ?? ''), 'PEPPOL-EN16931-R007', 'The business process must be urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0.');
  check(has(root, 'cbc:ID'), 'BR-02', 'The invoice number (BT-1) is missing.');
  check(has(root, 'cbc:IssueDate'), 'BR-03', 'The issue date (BT-2) is missing.');
  const typeCode = val(root, credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode');
  check(!!typeCode, 'BR-04', 'The invoice type code (BT-3) is missing.');
  if (typeCode) {
    check((credit ? UNTDID_1001_CREDIT : UNTDID_1001_INVOICE).includes(` ${typeCode} `), 'BR-CL-01', `Type code ${typeCode} is not in the UNTDID 1001 ${credit ? 'credit note' : 'invoice'} subset.`);
    check((credit ? PEPPOL_CREDIT_TYPES : PEPPOL_INVOICE_TYPES).includes(` ${typeCode} `), credit ? 'PEPPOL-EN16931-P0101' : 'PEPPOL-EN16931-P0100', `Type code ${typeCode} is not allowed in Peppol billing profile 01.`);
  }
  check(!!currency, 'BR-05', 'The invoice currency code (BT-5) is missing.');
  if (currency) check(isISO4217CurrencyCode(currency), 'BR-CL-04', `${currency} is not an ISO 4217 currency code.`);
  check(!!seller && has(seller, 'cac:PartyLegalEntity/cbc:RegistrationName'), 'BR-06', 'The seller name (BT-27) is missing.');
  check(!!buyer && has(buyer, 'cac:PartyLegalEntity/cbc:RegistrationName'), 'BR-07', 'The buyer name (BT-44) is missing.');
  check(!!seller && !!first(seller, 'cac:PostalAddress'), 'BR-08', 'The seller postal address (BG-5) is missing.');
  check(!!buyer && !!first(buyer, 'cac:PostalAddress'), 'BR-10', 'The buyer postal address (BG-8) is missing.');
  if (seller && first(seller, 'cac:PostalAddress')) check(has(seller, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'), 'BR-09', 'The seller country code (BT-40) is missing.');
  if (buyer && first(buyer, 'cac:PostalAddress')) check(has(buyer, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'), 'BR-11', 'The buyer country code (BT-55) is missing.');
  check(lines.length > 0, 'BR-16', 'An invoice needs at least one line (BG-25).');
  check(all(root, 'cbc:Note').length <= 1, 'PEPPOL-EN16931-R002', 'At most one note on document level.');
  check(has(root, 'cbc:BuyerReference') || has(root, 'cac:OrderReference/cbc:ID'), 'PEPPOL-EN16931-R003', 'A buyer reference (BT-10) or purchase order reference (BT-13) is required.');
  check(taxTotals.filter((t) => all(t, 'cac:TaxSubtotal').length > 0).length === 1, 'PEPPOL-EN16931-R053', 'Exactly one tax total with tax subtotals.');
  check(taxTotals.filter((t) => all(t, 'cac:TaxSubtotal').length === 0).length === 0, 'PEPPOL-EN16931-R054', 'No tax total without subtotals when there is no VAT accounting currency.');
  check(subtotals.length > 0, 'BR-CO-18', 'At least one VAT breakdown (BG-23).');
  for (const note of all(root, 'cbc:Note')) {
    const m = /#([^#]*)#/.exec(note.text);
    if (m) check(m[1] === '' || UNCL_4451.has(m[1]), 'BR-CL-08', `A note starting with #${m[1]}# names an unknown UNCL 4451 subject code.`, note);
  }
  for (const n of nodes.filter((x) => ['IssueDate', 'DueDate', 'ActualDeliveryDate', 'StartDate', 'EndDate', 'TaxPointDate'].includes(x.local))) {
    check(/^\d{4}-\d{2}-\d{2}$/.test(n.text) && !Number.isNaN(Date.parse(`${n.text}T00:00:00Z`)), 'PEPPOL-EN16931-F001', `${n.local} must be a YYYY-MM-DD date.`, n);
  }
  for (const c of nodes.filter((x) => x.name === 'cbc:IdentificationCode')) check(isISO31661Alpha2(c.text), 'BR-CL-14', `${c.text} is not an ISO 3166-1 country code.`, c);

  // ---- Parties: BR-CO-09, BR-CO-26, BR-62, BR-63, BR-CL-25, Peppol R010, R020, CL008; UBL-SR cardinalities.
  for (const [party, who, r1, rScheme] of [
    [seller, 'Seller', 'PEPPOL-EN16931-R020', 'BR-62'],
    [buyer, 'Buyer', 'PEPPOL-EN16931-R010', 'BR-63'],
  ] as const) {
    if (!party) continue;
    const endpoint = first(party, 'cbc:EndpointID');
    check(!!endpoint && endpoint.text.trim() !== '', r1, `${who} electronic address (BT-${who === 'Seller' ? 34 : 49}) is required.`, party);
    if (endpoint) {
      const scheme = endpoint.attrs.schemeID;
      check(!!scheme, rScheme, `${who} electronic address needs a scheme identifier.`, endpoint);
      if (scheme) check(PEPPOL_EAS.has(scheme) || scheme === 'EM', 'BR-CL-25', `${scheme} is not in the CEF EAS code list.`, endpoint);
      if (scheme) check(PEPPOL_EAS.has(scheme), 'PEPPOL-EN16931-CL008', `${scheme} is not in Peppol's electronic address scheme list.`, endpoint);
      const format = scheme ? SCHEME_FORMATS[scheme] : undefined;
      if (format?.rule) check(format.valid(endpoint.text.trim()), format.rule, `${who} electronic address ${endpoint.text.trim()} is not a valid ${format.name}: expected ${format.format}.`, endpoint);
    }
    for (const pts of all(party, 'cac:PartyTaxScheme').filter((p) => val(p, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT')) {
      const id = val(pts, 'cbc:CompanyID') ?? '';
      const prefix = id.slice(0, 2);
      check(prefix === 'EL' || isISO31661Alpha2(prefix), 'BR-CO-09', `VAT identifier ${id} must start with an ISO 3166-1 country prefix (or EL).`, pts);
    }
    const sr = who === 'Seller' ? { name: 'UBL-SR-09', legal: 'UBL-SR-11', vat: 'UBL-SR-12', trade: 'UBL-SR-10' } : { name: 'UBL-SR-15', legal: 'UBL-SR-17', vat: 'UBL-SR-18', trade: 'UBL-SR-40' };
    check(all(party, 'cac:PartyLegalEntity/cbc:RegistrationName').length <= 1, sr.name, `${who} name at most once.`, party);
    check(all(party, 'cac:PartyLegalEntity/cbc:CompanyID').length <= 1, sr.legal, `${who} legal registration id at most once.`, party);
    check(all(party, 'cac:PartyTaxScheme').filter((p) => val(p, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT' && has(p, 'cbc:CompanyID')).length <= 1, sr.vat, `${who} VAT identifier at most once.`, party);
    check(all(party, 'cac:PartyName/cbc:Name').length <= 1, sr.trade, `${who} trading name at most once.`, party);
  }
  const sellerVat = !!seller && all(seller, 'cac:PartyTaxScheme').some((p) => val(p, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT' && has(p, 'cbc:CompanyID'));
  const sellerTaxId = !!seller && all(seller, 'cac:PartyTaxScheme').some((p) => has(p, 'cbc:CompanyID'));
  const buyerVat = !!buyer && all(buyer, 'cac:PartyTaxScheme').some((p) => val(p, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT' && has(p, 'cbc:CompanyID'));
  const buyerLegalId = !!buyer && has(buyer, 'cac:PartyLegalEntity/cbc:CompanyID');
  check(sellerVat || (!!seller && (has(seller, 'cac:PartyIdentification/cbc:ID') || has(seller, 'cac:PartyLegalEntity/cbc:CompanyID'))), 'BR-CO-26', 'The seller needs an identifier (BT-29), a legal registration id (BT-30) or a VAT id (BT-31).');

  // ---- Delivery (BR-57), payment means and terms (BR-49, BR-50, BR-61, BR-CL-16, BR-CO-25, UBL-SR-05).
  for (const address of all(root, 'cac:Delivery/cac:DeliveryLocation/cac:Address')) check(has(address, 'cac:Country/cbc:IdentificationCode'), 'BR-57', 'A deliver-to address needs a country code (BT-80).', address);
  for (const pm of all(root, 'cac:PaymentMeans')) {
    const code = val(pm, 'cbc:PaymentMeansCode');
    check(!!code, 'BR-49', 'A payment instruction needs a payment means type code (BT-81).', pm);
    if (code) check(UNCL_4461.has(code), 'BR-CL-16', `Payment means code ${code} is not in UNCL 4461.`, pm);
    if (code === '30' || code === '58') {
      check(has(pm, 'cac:PayeeFinancialAccount/cbc:ID'), 'BR-61', 'A credit transfer needs the payment account identifier (BT-84).', pm);
      if (first(pm, 'cac:PayeeFinancialAccount')) check(has(pm, 'cac:PayeeFinancialAccount/cbc:ID'), 'BR-50', 'The payment account identifier (BT-84) is missing.', pm);
    }
  }
  check(all(root, 'cac:PaymentTerms/cbc:Note').length <= 1, 'UBL-SR-05', 'Payment terms at most once.');
  const payable = total ? num(val(total, 'cbc:PayableAmount')) : null;
  if (payable?.greaterThan(0)) check(has(root, 'cbc:DueDate') || has(root, 'cac:PaymentMeans/cbc:PaymentDueDate') || has(root, 'cac:PaymentTerms/cbc:Note'), 'BR-CO-25', 'A positive amount due needs a due date (BT-9) or payment terms (BT-20).');
  for (const ref of all(root, 'cac:BillingReference')) check(has(ref, 'cac:InvoiceDocumentReference/cbc:ID'), 'BR-55', 'A preceding invoice reference needs the invoice number (BT-25).', ref);

  // ---- Amounts: currency (BR-CL-03, Peppol R051, CL007), format, decimals (UBL-DT-01, BR-DEC-*).
  for (const n of nodes.filter((x) => x.ns === UBL_NS.cbc && x.local.endsWith('Amount'))) {
    const cur = n.attrs.currencyID;
    check(!!cur && isISO4217CurrencyCode(cur), 'BR-CL-03', `${n.local} needs an ISO 4217 currencyID.`, n);
    if (cur) check(isISO4217CurrencyCode(cur), 'PEPPOL-EN16931-CL007', `${cur} is not an ISO 4217 currency.`, n);
    check(cur === currency, 'PEPPOL-EN16931-R051', `${n.local} is in ${cur}, not the document currency ${currency}.`, n);
    check(DECIMAL.test(n.text), 'XSD-TYPE', `${n.local} "${n.text}" is not a decimal.`, n);
    if (n.local !== 'PriceAmount') check(decimals(n.text) <= 2, 'UBL-DT-01', `${n.local} has more than 2 decimals.`, n);
  }
  const decRule = (n: Node | undefined, rule: string, what: string) => {
    if (n) check(decimals(n.text) <= 2, rule, `The ${what} has more than 2 decimals.`, n);
  };
  for (const a of allowances) decRule(first(a, 'cbc:Amount'), 'BR-DEC-01', 'document level allowance amount (BT-92)');
  for (const c of charges) decRule(first(c, 'cbc:Amount'), 'BR-DEC-05', 'document level charge amount (BT-99)');
  if (total) {
    for (const [name, rule, bt] of [
      ['LineExtensionAmount', 'BR-DEC-09', 'BT-106'], ['AllowanceTotalAmount', 'BR-DEC-10', 'BT-107'], ['ChargeTotalAmount', 'BR-DEC-11', 'BT-108'], ['TaxExclusiveAmount', 'BR-DEC-12', 'BT-109'],
      ['TaxInclusiveAmount', 'BR-DEC-14', 'BT-112'], ['PrepaidAmount', 'BR-DEC-16', 'BT-113'], ['PayableAmount', 'BR-DEC-18', 'BT-115'],
    ]) decRule(first(total, `cbc:${name}`), rule, `${name} (${bt})`);
  }
  for (const t of taxTotals) if (first(t, 'cbc:TaxAmount')?.attrs.currencyID === currency) decRule(first(t, 'cbc:TaxAmount'), 'BR-DEC-13', 'invoice total VAT amount (BT-110)');
  for (const s of subtotals) {
    decRule(first(s, 'cbc:TaxableAmount'), 'BR-DEC-19', 'VAT category taxable amount (BT-116)');
    decRule(first(s, 'cbc:TaxAmount'), 'BR-DEC-20', 'VAT category tax amount (BT-117)');
  }

  // ---- Totals: BR-12..BR-15, BR-CO-10..BR-CO-16.
  if (total) {
    const amount = (name: string) => num(val(total, `cbc:${name}`));
    check(has(total, 'cbc:LineExtensionAmount'), 'BR-12', 'The sum of line net amounts (BT-106) is missing.');
    check(has(total, 'cbc:TaxExclusiveAmount'), 'BR-13', 'The total without VAT (BT-109) is missing.');
    check(has(total, 'cbc:TaxInclusiveAmount'), 'BR-14', 'The total with VAT (BT-112) is missing.');
    check(has(total, 'cbc:PayableAmount'), 'BR-15', 'The amount due (BT-115) is missing.');
    const lineSum = round2(sum(lines, 'cbc:LineExtensionAmount'));
    check(!!amount('LineExtensionAmount')?.equals(lineSum), 'BR-CO-10', `Sum of line net amounts (BT-106) ${val(total, 'cbc:LineExtensionAmount')} ≠ Σ line net amounts ${lineSum.toFixed()}.`);
    const allowanceSum = round2(sum(allowances, 'cbc:Amount'));
    const chargeSum = round2(sum(charges, 'cbc:Amount'));
    const allowanceTotal = amount('AllowanceTotalAmount');
    const chargeTotal = amount('ChargeTotalAmount');
    check(allowanceTotal ? allowanceTotal.equals(allowanceSum) : allowances.length === 0, 'BR-CO-11', `Sum of allowances (BT-107) must equal Σ document allowances ${allowanceSum.toFixed()}.`);
    check(chargeTotal ? chargeTotal.equals(chargeSum) : charges.length === 0, 'BR-CO-12', `Sum of charges (BT-108) must equal Σ document charges ${chargeSum.toFixed()}.`);
    const lineExtension = amount('LineExtensionAmount') ?? new Decimal(0);
    const taxExclusive = round2(lineExtension.minus(allowanceTotal ?? 0).plus(chargeTotal ?? 0));
    check(!!amount('TaxExclusiveAmount')?.equals(taxExclusive), 'BR-CO-13', `Total without VAT (BT-109) must be ${taxExclusive.toFixed()} (BT-106 − BT-107 + BT-108).`);
    const vat = taxTotals.map((t) => first(t, 'cbc:TaxAmount')).find((a) => a?.attrs.currencyID === currency);
    const inclusive = round2((amount('TaxExclusiveAmount') ?? new Decimal(0)).plus(num(vat?.text.trim()) ?? 0));
    check(!!amount('TaxInclusiveAmount')?.equals(inclusive), 'BR-CO-15', `Total with VAT (BT-112) must be ${inclusive.toFixed()} (BT-109 + BT-110).`);
    const due = round2((amount('TaxInclusiveAmount') ?? new Decimal(0)).minus(amount('PrepaidAmount') ?? 0).plus(amount('PayableRoundingAmount') ?? 0));
    check(!!amount('PayableAmount')?.equals(due), 'BR-CO-16', `Amount due (BT-115) must be ${due.toFixed()} (BT-112 − BT-113 + BT-114).`);
  }
  for (const t of taxTotals.filter((x) => all(x, 'cac:TaxSubtotal').length > 0)) {
    const expected = round2(sum(all(t, 'cac:TaxSubtotal'), 'cbc:TaxAmount'));
    check(!!num(val(t, 'cbc:TaxAmount'))?.equals(expected), 'BR-CO-14', `Total VAT (BT-110) must equal Σ VAT category amounts ${expected.toFixed()}.`, t);
  }

  // ---- Document allowances and charges: BR-31..BR-33, BR-36..BR-38, BR-CO-21, BR-CO-22, Peppol R043, UBL-SR-30/31.
  for (const ac of docAcs) {
    check(['true', 'false'].includes(val(ac, 'cbc:ChargeIndicator') ?? ''), 'PEPPOL-EN16931-R043', 'ChargeIndicator must be true or false.', ac);
    const charge = val(ac, 'cbc:ChargeIndicator') === 'true';
    check(has(ac, 'cbc:Amount'), charge ? 'BR-36' : 'BR-31', `Each document level ${charge ? 'charge' : 'allowance'} needs an amount.`, ac);
    check(!!categoryOf(first(ac, 'cac:TaxCategory')), charge ? 'BR-37' : 'BR-32', `Each document level ${charge ? 'charge' : 'allowance'} needs a VAT category code.`, ac);
    const reason = has(ac, 'cbc:AllowanceChargeReason') || has(ac, 'cbc:AllowanceChargeReasonCode');
    check(reason, charge ? 'BR-38' : 'BR-33', `Each document level ${charge ? 'charge' : 'allowance'} needs a reason or reason code.`, ac);
    check(reason, charge ? 'BR-CO-22' : 'BR-CO-21', `Each document level ${charge ? 'charge' : 'allowance'} needs a reason and/or reason code.`, ac);
    check(all(ac, 'cbc:AllowanceChargeReason').length <= 1, charge ? 'UBL-SR-31' : 'UBL-SR-30', 'The reason occurs at most once.', ac);
  }

  // ---- Lines: BR-21..BR-27, BR-41, BR-42, BR-CO-04, BR-CO-23, BR-DEC-23/24/27, Peppol R120.
  for (const line of lines) {
    const quantity = first(line, credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity');
    check(has(line, 'cbc:ID'), 'BR-21', 'Each line needs an identifier (BT-126).', line);
    check(!!quantity, 'BR-22', 'Each line needs a quantity (BT-129).', line);
    check(!!quantity?.attrs.unitCode, 'BR-23', 'Each line needs a unit of measure (BT-130).', line);
    check(has(line, 'cbc:LineExtensionAmount'), 'BR-24', 'Each line needs a net amount (BT-131).', line);
    decRule(first(line, 'cbc:LineExtensionAmount'), 'BR-DEC-23', 'line net amount (BT-131)');
    check(has(line, 'cac:Item/cbc:Name'), 'BR-25', 'Each line needs an item name (BT-153).', line);
    check(has(line, 'cac:Price/cbc:PriceAmount'), 'BR-26', 'Each line needs an item net price (BT-146).', line);
    const price = num(val(line, 'cac:Price/cbc:PriceAmount'));
    check(!price || price.greaterThanOrEqualTo(0), 'BR-27', 'The item net price (BT-146) must not be negative.', line);
    check(!!categoryOf(first(line, 'cac:Item/cac:ClassifiedTaxCategory')), 'BR-CO-04', 'Each line needs an item VAT category code (BT-151).', line);
    for (const ac of all(line, 'cac:AllowanceCharge')) {
      check(['true', 'false'].includes(val(ac, 'cbc:ChargeIndicator') ?? ''), 'PEPPOL-EN16931-R043', 'ChargeIndicator must be true or false.', ac);
      const charge = val(ac, 'cbc:ChargeIndicator') === 'true';
      check(has(ac, 'cbc:Amount'), charge ? 'BR-43' : 'BR-41', `Each line ${charge ? 'charge' : 'allowance'} needs an amount.`, ac);
      const reason = has(ac, 'cbc:AllowanceChargeReason') || has(ac, 'cbc:AllowanceChargeReasonCode');
      check(reason, charge ? 'BR-44' : 'BR-42', `Each line ${charge ? 'charge' : 'allowance'} needs a reason or reason code.`, ac);
      check(reason, charge ? 'BR-CO-24' : 'BR-CO-23', `Each line ${charge ? 'charge' : 'allowance'} needs a reason and/or reason code.`, ac);
      decRule(first(ac, 'cbc:Amount'), charge ? 'BR-DEC-27' : 'BR-DEC-24', `line ${charge ? 'charge (BT-141)' : 'allowance (BT-136)'} amount`);
    }
    const lineAcs = all(line, 'cac:AllowanceCharge');
    const expected = (num(quantity?.text) ?? new Decimal(0)).times(price ?? 0)
      .plus(round2(sum(lineAcs.filter((a) => val(a, 'cbc:ChargeIndicator') === 'true'), 'cbc:Amount')))
      .minus(round2(sum(lineAcs.filter((a) => val(a, 'cbc:ChargeIndicator') === 'false'), 'cbc:Amount')));
    const net = num(val(line, 'cbc:LineExtensionAmount')) ?? new Decimal(0);
    check(net.minus(expected).abs().lessThanOrEqualTo('0.02'), 'PEPPOL-EN16931-R120', `Line net amount ${net.toFixed()} ≠ quantity × price + charges − allowances (${expected.toFixed()}), beyond 0.02.`, line);
  }

  // ---- VAT breakdown: BR-45..BR-48, BR-CO-17, code lists BR-CL-17/18/22, Peppol P0104..P0111, UBL-SR-32.
  for (const s of subtotals) {
    const tc = first(s, 'cac:TaxCategory');
    check(has(s, 'cbc:TaxableAmount'), 'BR-45', 'Each VAT breakdown needs a taxable amount (BT-116).', s);
    check(has(s, 'cbc:TaxAmount'), 'BR-46', 'Each VAT breakdown needs a tax amount (BT-117).', s);
    const category = categoryOf(tc);
    check(!!category, 'BR-47', 'Each VAT breakdown needs a VAT category code (BT-118).', s);
    check((!!tc && has(tc, 'cbc:Percent')) || category === 'O', 'BR-48', 'Each VAT breakdown needs a VAT rate (BT-119), except category O.', s);
    const percent = tc ? num(val(tc, 'cbc:Percent')) : null;
    const taxable = num(val(s, 'cbc:TaxableAmount')) ?? new Decimal(0);
    const tax = num(val(s, 'cbc:TaxAmount')) ?? new Decimal(0);
    if (percent && !percent.round().isZero()) {
      const computed = round2(taxable.abs().times(percent).dividedBy(100));
      check(tax.abs().minus(1).lessThan(computed) && tax.abs().plus(1).greaterThan(computed), 'BR-CO-17', `VAT category tax amount ${tax.toFixed()} ≠ ${taxable.toFixed()} × ${percent.toFixed()} % (${computed.toFixed()}).`, s);
    } else {
      check(tax.round().isZero(), 'BR-CO-17', `VAT category tax amount must be 0 at rate ${percent?.toFixed() ?? 'none'}.`, s);
    }
    check(all(s, 'cac:TaxCategory/cbc:TaxExemptionReason').length <= 1, 'UBL-SR-32', 'The exemption reason occurs at most once.', s);
  }
  for (const tc of nodes.filter((x) => x.name === 'cac:TaxCategory' || x.name === 'cac:ClassifiedTaxCategory')) {
    const id = val(tc, 'cbc:ID') ?? '';
    check(CATEGORIES.includes(id), tc.name === 'cac:TaxCategory' ? 'BR-CL-17' : 'BR-CL-18', `${id} is not a UNCL 5305 VAT category (AE L M E S Z G O K).`, tc);
    const code = val(tc, 'cbc:TaxExemptionReasonCode')?.toUpperCase();
    if (code) {
      check(VATEX_CODES.has(code), 'BR-CL-22', `${code} is not a VATEX exemption reason code.`, tc);
      if (VATEX_CATEGORY[code]) check(id === VATEX_CATEGORY[code].category, VATEX_CATEGORY[code].rule, `Exemption code ${code} needs category ${VATEX_CATEGORY[code].category}, not ${id}.`, tc);
    }
  }

  // ---- Per category: BR-<c>-01..14.
  const lineCats = lines.map((l) => ({ cat: categoryOf(first(l, 'cac:Item/cac:ClassifiedTaxCategory')), percent: val(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent'), node: l }));
  const acCats = docAcs.map((a) => ({ cat: categoryOf(first(a, 'cac:TaxCategory')), percent: val(a, 'cac:TaxCategory/cbc:Percent'), charge: val(a, 'cbc:ChargeIndicator') === 'true', node: a }));
  const prefixOf: Record<string, string> = { S: 'BR-S', Z: 'BR-Z', E: 'BR-E', AE: 'BR-AE', K: 'BR-IC', G: 'BR-G', O: 'BR-O', L: 'BR-IG', M: 'BR-IP' };
  const breakdownOf = (cat: string) => subtotals.filter((s) => categoryOf(first(s, 'cac:TaxCategory')) === cat);
  for (const cat of CATEGORIES) {
    const p = prefixOf[cat];
    const catLines = lineCats.filter((l) => l.cat === cat);
    const catAllowances = acCats.filter((a) => a.cat === cat && !a.charge);
    const catCharges = acCats.filter((a) => a.cat === cat && a.charge);
    const used = catLines.length + catAllowances.length + catCharges.length > 0;
    const breakdowns = breakdownOf(cat);
    // -01: a breakdown for the category (exactly one, or at least one for S, L, M which go per rate).
    const perRate = ['S', 'L', 'M'].includes(cat);
    check(used ? (perRate ? breakdowns.length > 0 : breakdowns.length === 1) : breakdowns.length === 0, `${p}-01`, `Category ${cat} is used ${used ? 'so' : 'not, yet'} the VAT breakdown ${used ? `needs ${perRate ? 'at least' : 'exactly'} one` : 'has'} ${cat} entr${used && !perRate ? 'y' : 'ies'}.`);
    // -02..-04: who must be identified.
    const sellerOk = cat === 'K' || cat === 'G' ? sellerVat : sellerVat || sellerTaxId;
    const buyerOk = cat === 'AE' ? buyerVat || buyerLegalId : cat === 'K' ? buyerVat : true;
    for (const [items, n] of [[catLines, '02'], [catAllowances, '03'], [catCharges, '04']] as const) {
      if (items.length === 0) continue;
      if (cat === 'O') check(!sellerVat && !buyerVat, `${p}-${n}`, 'Category O: the document must not carry the seller or buyer VAT identifier.');
      else check(sellerOk && buyerOk, `${p}-${n}`, `Category ${cat} needs the seller VAT identifier${cat === 'AE' ? ' and the buyer VAT or legal registration identifier' : cat === 'K' ? ' and the buyer VAT identifier' : ''}.`);
    }
    // -05..-07: rates on lines, allowances, charges.
    for (const [items, n] of [[catLines, '05'], [catAllowances, '06'], [catCharges, '07']] as const) {
      for (const it of items) {
        const rate = num(it.percent);
        const ok = cat === 'O' ? it.percent === undefined : cat === 'S' ? !!rate?.greaterThan(0) : perRate ? !!rate?.greaterThanOrEqualTo(0) : !!rate?.isZero();
        check(ok, `${p}-${n}`, cat === 'O' ? 'Category O carries no VAT rate.' : cat === 'S' ? 'Category S needs a rate above 0.' : perRate ? `Category ${cat} needs a rate of 0 or more.` : `Category ${cat} needs rate 0.`, it.node);
      }
    }
    // -08: taxable amount per category (and per rate for S, L, M); -09: tax amount; -10: exemption reason.
    for (const s of breakdowns) {
      const tc = first(s, 'cac:TaxCategory')!;
      const rate = num(val(tc, 'cbc:Percent'));
      const sameRate = (percent: string | undefined) => !perRate || (!!rate && !!num(percent) && num(percent)!.round().equals(rate.round()));
      const expected = sum(catLines.filter((l) => sameRate(l.percent)).map((l) => l.node), 'cbc:LineExtensionAmount')
        .plus(sum(catCharges.filter((a) => sameRate(a.percent)).map((a) => a.node), 'cbc:Amount'))
        .minus(sum(catAllowances.filter((a) => sameRate(a.percent)).map((a) => a.node), 'cbc:Amount'));
      const taxable = num(val(s, 'cbc:TaxableAmount')) ?? new Decimal(0);
      check(perRate ? taxable.minus(expected).abs().lessThan(1) : taxable.equals(expected), `${p}-08`, `Category ${cat}${perRate ? ` at ${rate?.toFixed()} %` : ''}: taxable amount ${taxable.toFixed()} ≠ lines + charges − allowances (${expected.toFixed()}).`, s);
      const tax = num(val(s, 'cbc:TaxAmount')) ?? new Decimal(0);
      if (perRate) {
        const computed = round2(taxable.abs().times(rate ?? 0).dividedBy(100));
        check(tax.abs().minus(1).lessThan(computed) && tax.abs().plus(1).greaterThan(computed), `${p}-09`, `Category ${cat}: tax amount ${tax.toFixed()} ≠ taxable × rate (${computed.toFixed()}).`, s);
      } else {
        check(tax.isZero(), `${p}-09`, `Category ${cat}: the tax amount must be 0.`, s);
      }
      const reason = has(tc, 'cbc:TaxExemptionReason') || has(tc, 'cbc:TaxExemptionReasonCode');
      check(['S', 'Z', 'L', 'M'].includes(cat) ? !reason : reason, `${p}-10`, ['S', 'Z', 'L', 'M'].includes(cat) ? `Category ${cat} carries no exemption reason.` : `Category ${cat} needs an exemption reason (BT-120) or code (BT-121).`, s);
    }
  }
  // BR-O-11..14: "not subject to VAT" excludes every other category.
  if (breakdownOf('O').length > 0) {
    check(subtotals.every((s) => categoryOf(first(s, 'cac:TaxCategory')) === 'O'), 'BR-O-11', 'With category O there is no other VAT breakdown.');
    check(lineCats.every((l) => l.cat === 'O'), 'BR-O-12', 'With category O every line is O.');
    check(acCats.filter((a) => !a.charge).every((a) => a.cat === 'O'), 'BR-O-13', 'With category O every document allowance is O.');
    check(acCats.filter((a) => a.charge).every((a) => a.cat === 'O'), 'BR-O-14', 'With category O every document charge is O.');
  }
  // BR-IC-11, BR-IC-12: intra-community supply needs the delivery date (or an invoicing period) and the deliver-to country.
  if (breakdownOf('K').length > 0) {
    check(has(root, 'cac:Delivery/cbc:ActualDeliveryDate') || has(root, 'cac:InvoicePeriod'), 'BR-IC-11', 'Category K needs the actual delivery date (BT-72) or the invoicing period (BG-14).');
    check(has(root, 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode'), 'BR-IC-12', 'Category K needs the deliver-to country code (BT-80).');
  }
  return out;
}
