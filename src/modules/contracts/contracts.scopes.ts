import { registerScopes } from '../../platform/auth/scopes';
import { registerConstraints } from '../../platform/http/problem';

export const CONTRACTS_READ = 'contracts:read';
export const CONTRACTS_WRITE = 'contracts:write';
export const CONTRACTS_APPROVE = 'contracts:approve';

registerScopes({
  [CONTRACTS_READ]: 'Read contracts, their versions, documents, signatures, obligations, billing schedules and upcoming deadlines.',
  [CONTRACTS_WRITE]: 'Create and change contracts, submit them for review, upload documents, record signatures, amend, renew and terminate, manage obligations and billing schedules.',
  [CONTRACTS_APPROVE]: 'Approve contracts in review (or send them back to draft).',
});

registerConstraints({
  uq_ctr_signers_email: { field: 'signers', message: 'A signer with this email is already on the contract.' },
  ck_ctr_contracts_end_date: { field: 'endDate', message: 'Must not be before the start date.' },
  ck_ctr_contracts_renewal: { field: 'renewalType', message: 'A renewing contract needs an end date (or term) and a renewal term.' },
  ck_ctr_contracts_notice: { field: 'noticePeriod', message: 'Needs both a value and a unit.' },
  ck_ctr_contracts_value_currency: { field: 'value', message: 'A value needs a currency and a currency needs a value.' },
  ck_ctr_obligations_amount_currency: { field: 'amount', message: 'An amount needs a currency and a currency needs an amount.' },
  ck_ctr_billing_schedules_dates: { field: 'endDate', message: 'Must not be before the start date.' },
});
