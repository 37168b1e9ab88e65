import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { SerialStatus, SERIAL_STATUSES } from '../serial.entity';
import { decimalSchema } from '../../../../platform/http/validators';

export class LotDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fa0' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ maxLength: 64, example: 'L2026-11-A' }) lotNumber: string;
  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2027-05-31' }) expiryDate: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3, min: '0' }), description: 'On hand across all locations.', example: '12.000' }) onHand: string;
}

export class LotPageDto extends pageOf(LotDto, 'LotPage') {}

export class ListLotsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['lotNumber', '-lotNumber'], default: 'lotNumber' })
  @IsOptional() @IsIn(['lotNumber', '-lotNumber'])
  sort?: string;
}

export class SerialDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fb0' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ maxLength: 100, example: 'SN-0001' }) serialNumber: string;
  @ApiProperty({ enum: SERIAL_STATUSES, example: 'in_stock' }) status: SerialStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Where it is; null once issued.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' }) locationId: string | null;
}

export class SerialPageDto extends pageOf(SerialDto, 'SerialPage') {}

export class ListSerialsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SERIAL_STATUSES, example: 'in_stock' })
  @IsOptional() @IsIn(SERIAL_STATUSES)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsOptional() @IsUUID('all')
  locationId?: string;

  @ApiPropertyOptional({ enum: ['serialNumber', '-serialNumber'], default: 'serialNumber' })
  @IsOptional() @IsIn(['serialNumber', '-serialNumber'])
  sort?: string;
}
