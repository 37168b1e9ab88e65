import { Platform1764400000000 } from './1764400000000-platform';
import { HrCore1764400001000 } from './1764400001000-hr-core';
import { HrTimeOff1764400002000 } from './1764400002000-hr-time-off';
import { HrShifts1764400003000 } from './1764400003000-hr-shifts';
import { HrTimesheets1764400004000 } from './1764400004000-hr-timesheets';
import { HrJourneys1764400005000 } from './1764400005000-hr-journeys';

/** Every migration, in order. A new migration is added here as well as in its file. */
export const MIGRATIONS = [Platform1764400000000, HrCore1764400001000, HrTimeOff1764400002000, HrShifts1764400003000, HrTimesheets1764400004000, HrJourneys1764400005000];
