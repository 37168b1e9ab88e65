import { Injectable } from '@nestjs/common';

/**
 * The IT desk's notion of "now" (SLA clocks, first response, reopen window). Tests pin it with
 * `set()` to drive clocks over explicit timestamps without sleeping; nothing else calls `set`.
 */
@Injectable()
export class ItClock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Test-only: pin the clock (null to follow real time again). */
  set(instant: Date | string | null): void {
    this.fixed = instant === null ? null : new Date(instant);
  }
}
