import { registerScopes } from '../../../platform/auth/scopes';

export const IMPORTS_READ = 'imports:read';
export const IMPORTS_WRITE = 'imports:write';

registerScopes({
  [IMPORTS_READ]: 'Read CSV imports, their progress and their bad rows.',
  [IMPORTS_WRITE]: 'Start CSV imports; each kind also needs the write scope of the module it writes (hr:write, invoicing:write, inventory:write).',
});
