import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, Matches } from 'class-validator';
import { IsDecimalString } from '../http/validators';

export class MoneyDto {
  @ApiProperty({ description: 'Decimal string, never a number.', example: '5250.00' })
  @IsDecimalString({ scale: 2, min: '0' })
  amount: string;

  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'EUR', minLength: 3, maxLength: 3 })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code, e.g. EUR' }) @IsISO4217CurrencyCode()
  currency: string;
}
