import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreateSellerProfileDto, ListSellerProfilesQuery, SellerProfileDto, SellerProfilePageDto } from './dto/seller-profile.dto';
import { SellerProfileService } from './seller-profile.service';

@ApiTags('invoicing')
@Controller('invoicing/seller-profiles')
export class SellerProfileController {
  constructor(private readonly profiles: SellerProfileService) {}

  @Post()
  @Endpoint({ summary: 'Record a new version of the seller profile', description: 'The seller profile is versioned: each change is a new version and the newest one is frozen onto invoices when they are issued.', scopes: [INVOICING_WRITE], status: 201, type: SellerProfileDto, idempotent: true, body: true, errors: [409] })
  create(@Body() body: CreateSellerProfileDto) {
    return this.profiles.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List the versions of the seller profile, newest first', description: 'The first item is the current profile (`?limit=1`).', scopes: [INVOICING_READ], type: SellerProfilePageDto, errors: [422] })
  list(@Query() query: ListSellerProfilesQuery) {
    return this.profiles.list(query);
  }
}
