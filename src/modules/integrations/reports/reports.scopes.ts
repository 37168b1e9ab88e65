import { registerScopes } from '../../../platform/auth/scopes';

export const REPORTS_READ = 'reports:read';

registerScopes({
  [REPORTS_READ]: 'Read the cross-module reports and the overview (aggregates only; payroll cost per department also needs payroll:read).',
});
