import { ApiProperty } from '@nestjs/swagger';
import { pageOf } from '../../../../platform/http/pagination';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000a9' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000e1' }) ticketId: string;
  @ApiProperty({ example: 'vpn-log.txt', maxLength: 255 }) fileName: string;
  @ApiProperty({ example: 'text/plain', maxLength: 100 }) contentType: string;
  @ApiProperty({ example: 2048 }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex.', maxLength: 64, pattern: '^[0-9a-f]{64}$', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:20:00.000Z' }) createdAt: string;
}
export class AttachmentPageDto extends pageOf(AttachmentDto, 'ItAttachmentPage') {}
