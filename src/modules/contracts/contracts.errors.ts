import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum ContractsErrorCode {
  TermsLocked = 'terms_locked',
  VersionLocked = 'version_locked',
  InvalidCounterparty = 'invalid_counterparty',
  SignersRequired = 'signers_required',
  UnknownSigner = 'unknown_signer',
  AlreadySigned = 'already_signed',
  RenewalNotAllowed = 'renewal_not_allowed',
  BillingNotAllowed = 'billing_not_allowed',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const CONTRACTS_PROBLEMS: Record<ContractsErrorCode, ProblemDefinition> = {
  [ContractsErrorCode.TermsLocked]: { status: 409, title: 'Terms are locked after approval; amend the contract instead' },
  [ContractsErrorCode.VersionLocked]: { status: 409, title: 'Contract version is signed or superseded and cannot change' },
  [ContractsErrorCode.InvalidCounterparty]: { status: 422, title: 'Counterparty does not fit' },
  [ContractsErrorCode.SignersRequired]: { status: 409, title: 'The contract has no required signer' },
  [ContractsErrorCode.UnknownSigner]: { status: 422, title: 'Not a signer of this contract' },
  [ContractsErrorCode.AlreadySigned]: { status: 409, title: 'This signer has already signed this version' },
  [ContractsErrorCode.RenewalNotAllowed]: { status: 409, title: 'The contract cannot be renewed now' },
  [ContractsErrorCode.BillingNotAllowed]: { status: 422, title: 'Billing schedules need a customer or service contract with a customer' },
};

export class ContractsException extends ProblemException {
  constructor(code: ContractsErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = CONTRACTS_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}
