import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum ItErrorCode {
  UnknownEmployee = 'unknown_employee',
  NotAnAgent = 'not_an_agent',
  AgentNotInGroup = 'agent_not_in_group',
  ReopenWindowExpired = 'reopen_window_expired',
  OffboardingAssetsOutstanding = 'offboarding_assets_outstanding',
  AssetNotAvailable = 'asset_not_available',
  NoSeatAvailable = 'no_seat_available',
  AssetNotHeld = 'asset_not_held',
  UnknownHolidayRegion = 'unknown_holiday_region',
  UnknownTimeZone = 'unknown_time_zone',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const IT_PROBLEMS: Record<ItErrorCode, ProblemDefinition> = {
  [ItErrorCode.UnknownEmployee]: { status: 422, title: 'Employee does not exist' },
  [ItErrorCode.NotAnAgent]: { status: 422, title: 'Employee is not an active IT agent' },
  [ItErrorCode.AgentNotInGroup]: { status: 422, title: 'Agent is not a member of the group' },
  [ItErrorCode.ReopenWindowExpired]: { status: 409, title: 'Reopen window has passed' },
  [ItErrorCode.OffboardingAssetsOutstanding]: { status: 409, title: 'Assets still held by the leaver' },
  [ItErrorCode.AssetNotAvailable]: { status: 409, title: 'Asset cannot be assigned' },
  [ItErrorCode.NoSeatAvailable]: { status: 409, title: 'Every license seat is taken' },
  [ItErrorCode.AssetNotHeld]: { status: 409, title: 'Asset is not held by that employee' },
  [ItErrorCode.UnknownHolidayRegion]: { status: 422, title: 'Unknown holiday country or region' },
  [ItErrorCode.UnknownTimeZone]: { status: 422, title: 'Unknown IANA time zone' },
};

export class ItException extends ProblemException {
  constructor(code: ItErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = IT_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}
