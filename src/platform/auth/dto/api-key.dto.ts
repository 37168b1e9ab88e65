import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../http/pagination';

const MAX_SCOPES = 50;
const SCOPE_MAX_LENGTH = 64;
const SCOPE_PATTERN = /^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/;
const SCOPE_SCHEMA = { type: 'string', maxLength: SCOPE_MAX_LENGTH, pattern: SCOPE_PATTERN.source };

export class CreateApiKeyDto {
  @ApiProperty({ description: 'Who or what uses the key.', example: 'crm-sync', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ description: 'Scopes granted; see the security scheme for the list.', example: ['hr:read', 'hr:write'], type: [String], minItems: 1, maxItems: MAX_SCOPES, items: SCOPE_SCHEMA })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SCOPES) @IsString({ each: true }) @MaxLength(SCOPE_MAX_LENGTH, { each: true }) @Matches(SCOPE_PATTERN, { each: true })
  scopes: string[];
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) id: string;
  @ApiProperty({ example: 'crm-sync', maxLength: 100 }) name: string;
  @ApiProperty({ description: 'First characters of the key, to tell keys apart.', example: 'bo_Q2x4Zk', maxLength: 10 }) prefix: string;
  @ApiProperty({ type: [String], example: ['hr:read', 'hr:write'], maxItems: MAX_SCOPES, items: SCOPE_SCHEMA }) scopes: string[];
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-29T10:05:00.000Z', description: 'Updated at most once a minute.' }) lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'bootstrap-admin (0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10)', maxLength: 140, description: 'The creating key\'s name and id.' }) createdBy: string | null;
}

export class CreatedApiKeyDto {
  @ApiProperty({ type: ApiKeyDto }) apiKey: ApiKeyDto;
  @ApiProperty({ description: 'The key itself. Shown only in this response; store it now.', example: 'bo_Q2x4ZkF0dUdOZ3VhX2VUbG9oTkR5b3JzT1N6cWZfdDQ', maxLength: 46, pattern: '^bo_[A-Za-z0-9_-]{43}$' }) key: string;
}

export class ListApiKeysQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt', 'name', '-name'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt', 'name', '-name'])
  sort?: string;

  @ApiPropertyOptional({ description: 'Include revoked keys.', default: false, type: Boolean })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeRevoked?: boolean;
}

export class ApiKeyPageDto extends pageOf(ApiKeyDto, 'ApiKeyPage') {}
