import { ArgumentMetadata, Body, Controller, Delete, Get, Injectable, Param, Patch, PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { PageQuery } from '../../../platform/http/pagination';
import { PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { ApiStoredFile, ApiUpload, readUpload, sendStoredFile } from '../../../platform/http/upload';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { CONTRACTS_APPROVE, CONTRACTS_READ, CONTRACTS_WRITE } from '../contracts.scopes';
import { ContractsService } from './contracts.service';
import {
  AmendContractDto,
  ContractDto,
  ContractPageDto,
  ContractVersionDto,
  ContractVersionListDto,
  CreateContractDto,
  DocumentDto,
  ListContractsQuery,
  RenewalPageDto,
  SignatureListDto,
  SignContractDto,
  TerminateContractDto,
  UpdateContractDto,
} from './dto/contract.dto';

/** Accepted document types: PDF and common office formats. */
export const DOCUMENT_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/rtf',
  'text/plain',
] as const;
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

/** A version number in a path: 1 to 999999, else 400. */
@Injectable()
export class ParseVersionNoPipe implements PipeTransform<string, number> {
  transform(value: string | number, metadata: ArgumentMetadata): number {
    // The global pipe may already have turned the path segment into a number (or NaN).
    if (!/^[1-9][0-9]{0,5}$/.test(String(value))) {
      const name = metadata.data ?? 'versionNo';
      throw new PlatformException(PlatformErrorCode.InvalidPathParameter, `Path parameter "${name}" must be a version number (1, 2, ...).`, {}, [{ field: name, message: 'must be a positive integer' }]);
    }
    return Number(value);
  }
}

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @Endpoint({
    summary: 'Create a draft contract',
    description: 'Gets the next number `CTR-<year>-0001` (gapless per year). The counterparty is an employee (HR), a customer (invoicing) or a free party. The end date comes from `endDate` or `termMonths`; the notice deadline and next renewal date are computed.',
    scopes: [CONTRACTS_WRITE],
    status: 201,
    type: ContractDto,
    idempotent: true,
    body: true,
    etag: true,
  })
  create(@Body() body: CreateContractDto) {
    return this.contracts.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List contracts', description: 'Filters: status, type, employee or customer counterparty, owner, tag, end and notice deadline on or before a date.', scopes: [CONTRACTS_READ], type: ContractPageDto, errors: [422] })
  list(@Query() query: ListContractsQuery) {
    return this.contracts.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a contract with its signers', scopes: [CONTRACTS_READ], type: ContractDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.contracts.get(id);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Update a contract',
    description: 'Terms (and signers) change only while the contract is a draft; after that a term sent with another value than it has is 409 `terms_locked` naming it (terms re-sent unchanged are fine): add an amendment. Tags, owner and alert days can change until the contract has ended.',
    scopes: [CONTRACTS_WRITE],
    type: ContractDto,
    ifMatch: true,
    body: true,
    etag: true,
    errors: [404, 409], noOp: true,
  })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateContractDto, @IfMatch() version?: number) {
    return this.contracts.update(id, body, version);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Delete a draft contract', description: 'Only drafts (409 `invalid_state_transition` otherwise). Its number is not reused.', scopes: [CONTRACTS_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number): Promise<void> {
    await this.contracts.remove(id, version);
  }

  @Post(':id/submit')
  @Endpoint({ summary: 'Submit a draft for review', description: 'draft → in_review; needs at least one required signer (409 `signers_required`).', scopes: [CONTRACTS_WRITE], type: ContractDto, ifMatch: true, etag: true, errors: [404, 409] })
  submit(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.contracts.submit(id, version);
  }

  @Post(':id/approve')
  @Endpoint({ summary: 'Approve a contract in review', description: 'in_review → approved; from now on the terms change only by amendment.', scopes: [CONTRACTS_APPROVE], type: ContractDto, ifMatch: true, etag: true, errors: [404, 409] })
  approve(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.contracts.approve(id, version);
  }

  @Post(':id/return')
  @Endpoint({ summary: 'Send a contract in review back to draft', scopes: [CONTRACTS_APPROVE], type: ContractDto, ifMatch: true, etag: true, errors: [404, 409] })
  returnToDraft(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.contracts.returnToDraft(id, version);
  }

  @Post(':id/sign')
  @Endpoint({
    summary: 'Record a signature on the current version',
    description: 'Stores who signed, when, and the SHA-256 of the exact version (canonical terms + document checksum); the version is locked from then on. When every required signer has signed an approved contract it becomes active (on its start date; the daily job activates it later otherwise).',
    scopes: [CONTRACTS_WRITE],
    type: ContractDto,
    ifMatch: true,
    body: true,
    etag: true,
    errors: [404, 409],
  })
  sign(@Param('id', ParseUuidPipe) id: string, @Body() body: SignContractDto, @IfMatch() version?: number) {
    return this.contracts.sign(id, body.signerId, version);
  }

  @Post(':id/amendments')
  @Endpoint({
    summary: 'Amend an approved or running contract',
    description: 'Adds version N+1 with the changed terms, its effective date and summary; earlier versions stay as they were (locked). Dates are recomputed.',
    scopes: [CONTRACTS_WRITE],
    status: 201,
    type: ContractDto,
    idempotent: true,
    ifMatch: true,
    body: true,
    etag: true,
    errors: [404, 409],
  })
  amend(@Param('id', ParseUuidPipe) id: string, @Body() body: AmendContractDto, @IfMatch() version?: number) {
    return this.contracts.amend(id, body, version);
  }

  @Post(':id/renew')
  @Endpoint({
    summary: 'Renew a contract with manual renewal',
    description: 'Before the end date: extends it by the renewal term and records the renewal; the contract is active for the new term. Automatic contracts renew on their own and others do not renew (409 `renewal_not_allowed`).',
    scopes: [CONTRACTS_WRITE],
    type: ContractDto,
    ifMatch: true,
    etag: true,
    errors: [404, 409],
  })
  renew(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.contracts.renew(id, version);
  }

  @Post(':id/terminate')
  @Endpoint({ summary: 'Terminate a contract', description: 'From approved, active or expiring.', scopes: [CONTRACTS_WRITE], type: ContractDto, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  terminate(@Param('id', ParseUuidPipe) id: string, @Body() body: TerminateContractDto, @IfMatch() version?: number) {
    return this.contracts.terminate(id, body, version);
  }

  @Get(':id/versions')
  @Endpoint({ summary: 'List the versions of a contract', description: 'Version 1 holds the original terms; each amendment adds one. Each has the SHA-256 a signature covers.', scopes: [CONTRACTS_READ], type: ContractVersionListDto, errors: [404] })
  versions(@Param('id', ParseUuidPipe) id: string) {
    return this.contracts.versions(id);
  }

  @Get(':id/versions/:versionNo')
  @Endpoint({ summary: 'Get one version of a contract', scopes: [CONTRACTS_READ], type: ContractVersionDto, errors: [404] })
  version(@Param('id', ParseUuidPipe) id: string, @Param('versionNo', ParseVersionNoPipe) versionNo: number) {
    return this.contracts.version(id, versionNo);
  }

  @Post(':id/versions/:versionNo/document')
  @ApiUpload({ contentTypes: DOCUMENT_TYPES, maxBytesDescription: 'at most 5 MB' })
  @Endpoint({
    summary: 'Upload the document of a version',
    description: 'multipart/form-data with one file in `file` (PDF or a common office type, at most 5 MB); stored with its SHA-256. Replaces the document of a version that nobody has signed yet; a signed or superseded version refuses (409 `version_locked`).',
    scopes: [CONTRACTS_WRITE],
    status: 201,
    type: DocumentDto,
    idempotent: true,
    body: true,
    errors: [404, 409],
  })
  upload(@Param('id', ParseUuidPipe) id: string, @Param('versionNo', ParseVersionNoPipe) versionNo: number, @Req() request: FastifyRequest) {
    const { file } = readUpload(request, { contentTypes: DOCUMENT_TYPES, maxBytes: DOCUMENT_MAX_BYTES });
    return this.contracts.uploadDocument(id, versionNo, file);
  }

  @Get(':id/versions/:versionNo/document')
  @ApiProduces(...DOCUMENT_TYPES)
  @Endpoint({ summary: 'Download the document of a version', description: 'The stored bytes, with their SHA-256 (hex) in `X-Content-SHA256` and as `Repr-Digest` (RFC 9530).', scopes: [CONTRACTS_READ], responseDescription: 'The document.', errors: [404] })
  @ApiStoredFile({ contentTypes: DOCUMENT_TYPES, maxBytes: DOCUMENT_MAX_BYTES, description: 'The document.' })
  async download(@Param('id', ParseUuidPipe) id: string, @Param('versionNo', ParseVersionNoPipe) versionNo: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendStoredFile(reply, await this.contracts.downloadDocument(id, versionNo));
  }

  @Get(':id/renewals')
  @Endpoint({ summary: 'List the renewals of a contract', description: 'One row per renewed term (automatic by the daily job, manual by the renew action), oldest first, a page at a time (`limit`, `cursor`).', scopes: [CONTRACTS_READ], type: RenewalPageDto, errors: [404, 422] })
  renewals(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.contracts.renewals(id, query);
  }

  @Get(':id/signatures')
  @Endpoint({ summary: 'List the signatures of a contract', description: 'Every version\'s signatures, oldest first, with the SHA-256 of the version signed.', scopes: [CONTRACTS_READ], type: SignatureListDto, errors: [404] })
  signatures(@Param('id', ParseUuidPipe) id: string) {
    return this.contracts.signatures(id);
  }
}
