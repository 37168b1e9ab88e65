import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength, registerDecorator, ValidationArguments } from 'class-validator';
import { CHECKED_SCHEMES_DOC, ELECTRONIC_ADDRESS_ID_MAX, ELECTRONIC_ADDRESS_ID_PATTERN, idShapeValid, PEPPOL_EAS_CODES, schemeIdProblem } from './electronic-address';

const ID_RE = new RegExp(ELECTRONIC_ADDRESS_ID_PATTERN, 'u');

export const ELECTRONIC_ADDRESS_DESCRIPTION =
  'Peppol electronic address (EN 16931 BT-34 for the seller, BT-49 for the buyer): where e-invoices are delivered. ' +
  'When set, the UBL export uses it as `cbc:EndpointID`; when null, the address is derived from a VAT number of a country with a Peppol VAT scheme, ' +
  'so it is needed for parties without one (US, Norwegian, Swiss companies without VAT, public bodies addressed by GLN or Leitweg-ID...). ' +
  'Both `scheme` and `id` are required; `null` removes the address.';

/** The identifier's format depends on the scheme: checked here so the error names `id` (after the general form). */
function IsIdentifierOfScheme(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIdentifierOfScheme',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => `id ${schemeIdProblem(String((args.object as { scheme?: unknown }).scheme), String(args.value))}` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const scheme = (args.object as { scheme?: unknown }).scheme;
          return typeof value !== 'string' || typeof scheme !== 'string' || !idShapeValid(value) || schemeIdProblem(scheme, value) === null;
        },
      },
    });
}

export class ElectronicAddressDto {
  @ApiProperty({
    description: 'Electronic Address Scheme (EAS) code from the Peppol list (Peppol BIS Billing 3.0, May 2026 release), e.g. 0192 Norwegian organisation number, 0088 GLN, 0007 Swedish organisation number, 0184 Danish CVR, 0060 D-U-N-S, 0208 Belgian enterprise number, 0009 SIRET, 0204 German Leitweg-ID, 9930 German VAT number.',
    enum: PEPPOL_EAS_CODES,
    example: '0192',
  })
  @IsString() @IsIn(PEPPOL_EAS_CODES, { message: 'scheme must be a code of the Peppol Electronic Address Scheme (EAS) list, e.g. 0192 or 0088' })
  scheme: string;

  @ApiProperty({
    description: `The identifier in that scheme: 1 to ${ELECTRONIC_ADDRESS_ID_MAX} printable characters without surrounding spaces. The format is checked for these schemes (as the Peppol PEPPOL-COMMON rules do, where Peppol has one): ${CHECKED_SCHEMES_DOC}. Other schemes are checked for the general form only.`,
    example: '974760673',
    minLength: 1,
    maxLength: ELECTRONIC_ADDRESS_ID_MAX,
    pattern: '^\\S(?:.*\\S)?$',
  })
  @IsString() @MinLength(1) @MaxLength(ELECTRONIC_ADDRESS_ID_MAX)
  @Matches(ID_RE, { message: `id must be 1 to ${ELECTRONIC_ADDRESS_ID_MAX} printable characters without surrounding spaces` })
  @IsIdentifierOfScheme()
  id: string;
}

export class ElectronicAddressViewDto {
  @ApiProperty({ description: 'Peppol Electronic Address Scheme (EAS) code.', example: '0192', minLength: 4, maxLength: 4, pattern: '^[0-9]{4}$' }) scheme: string;
  @ApiProperty({ description: 'The identifier in that scheme.', example: '974760673', maxLength: ELECTRONIC_ADDRESS_ID_MAX }) id: string;
}
