import { ProblemDefinition, ProblemException } from '../../../platform/http/problem';

export enum ImportsErrorCode {
  ImportRejected = 'import_rejected',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const IMPORTS_PROBLEMS: Record<ImportsErrorCode, ProblemDefinition> = {
  [ImportsErrorCode.ImportRejected]: { status: 422, title: 'Import rejected: nothing was imported' },
};

export class ImportsException extends ProblemException {
  constructor(code: ImportsErrorCode, detail: string, extensions: Record<string, unknown> = {}, errors?: Array<{ field: string; message: string }>) {
    const def = IMPORTS_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, errors);
  }
}
