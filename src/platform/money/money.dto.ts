import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode } from 'class-validator';
import { IsDecimalString } from '../http/validators';

export class MoneyDto {
  @ApiProperty({ description: 'Decimal string, never a number.', example: '5250.00', pattern: '^\\d{1,12}(\\.\\d{1,2})?$' })
  @IsDecimalString({ scale: 2, min: '0' })
  amount: string;

  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'EUR', minLength: 3, maxLength: 3 })
  @IsISO4217CurrencyCode()
  currency: string;
}
