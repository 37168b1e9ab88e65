import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../http/openapi';
import { ParseUuidPipe } from '../http/validation';
import { ApiKeyService } from './api-key.service';
import { ApiKeyDto, ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQuery } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @Endpoint({ summary: 'Create an API key', description: 'The key is returned once, in this response; only its SHA-256 hash is stored.', scopes: ['admin'], status: 201, type: CreatedApiKeyDto, idempotent: true, body: true })
  create(@Body() body: CreateApiKeyDto) {
    return this.keys.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List API keys', scopes: ['admin'], type: ApiKeyPageDto, errors: [422] })
  list(@Query() query: ListApiKeysQuery) {
    return this.keys.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an API key', scopes: ['admin'], type: ApiKeyDto, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.keys.get(id);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Revoke an API key', description: 'Idempotent. The key stops working on this instance at once and on every other instance within 5 seconds.', scopes: ['admin'], type: ApiKeyDto, errors: [404] })
  revoke(@Param('id', ParseUuidPipe) id: string) {
    return this.keys.revoke(id);
  }
}
