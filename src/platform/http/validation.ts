import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { UUID_PATTERN } from '../database/ids';
import { FieldError, PlatformErrorCode, PlatformException } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message: message.startsWith('property ') ? 'is not a known field' : message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Body and query DTOs: unknown fields are refused and every bad field is listed (422). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      const body = list.length === 1 && list[0].field === '' ? [{ field: '(body)', message: list[0].message }] : list;
      return new PlatformException(
        PlatformErrorCode.ValidationFailed,
        `${body.length} field${body.length === 1 ? '' : 's'} failed validation: ${body.map((e) => e.field).join(', ')}.`,
        {},
        body,
      );
    },
  });
}

/** A path id that is not a UUID is a client error (400), never a database error. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
      const name = metadata.data ?? 'id';
      throw new PlatformException(PlatformErrorCode.InvalidPathParameter, `Path parameter "${name}" must be a UUID.`, {}, [
        { field: name, message: 'must be a UUID' },
      ]);
    }
    return value.toLowerCase();
  }
}
