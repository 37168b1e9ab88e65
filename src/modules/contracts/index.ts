/** The contracts module's public surface. Other modules import from here only. */
export { ContractsModule } from './contracts.module';
export * from './contracts.events';
export { CONTRACTS_PROBLEMS, ContractsErrorCode } from './contracts.errors';
export { CONTRACTS_READ, CONTRACTS_WRITE, CONTRACTS_APPROVE } from './contracts.scopes';
export { ContractsFacade } from './contracts.facade';
export type { ContractRenewalRow, ContractValueRow } from './contracts.facade';
