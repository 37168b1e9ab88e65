import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { ItClock } from '../it.clock';
import { SlaReportDto, SlaReportRowDto } from './dto/sla-report.dto';

interface Row {
  priority: string | null;
  group_id: string | null;
  by_priority: number;
  by_group: number;
  tickets: string;
  fr_met: string;
  fr_breached: string;
  fr_median: number | null;
  res_met: string;
  res_breached: string;
  res_median: number | null;
}

/**
 * SLA attainment of tickets raised in [from, to] (calendar dates in COMPANY_TIME_ZONE): met and
 * breached counts, met percentage and median business minutes, per priority and per group, in
 * one grouped SQL query. A clock still running and not yet past its target counts in neither.
 */
@Injectable()
export class SlaReportService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly clock: ItClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(from: string, to: string): Promise<SlaReportDto> {
    if (to < from) throw new PlatformException(PlatformErrorCode.ValidationFailed, '1 field failed validation: to.', {}, [{ field: 'to', message: 'must not be before from' }]);
    const zone = this.config.COMPANY_TIME_ZONE;
    const start = DateTime.fromISO(from, { zone }).startOf('day').toJSDate();
    const end = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
    const rows: Row[] = await this.db.manager.query(
      `SELECT priority, group_id, GROUPING(priority) AS by_group, GROUPING(group_id) AS by_priority,
              count(*) AS tickets,
              count(*) FILTER (WHERE fr_stopped AND NOT fr_breached) AS fr_met,
              count(*) FILTER (WHERE fr_breached OR (NOT fr_stopped AND fr_due_at < $3)) AS fr_breached,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY fr_elapsed_minutes) FILTER (WHERE fr_stopped) AS fr_median,
              count(*) FILTER (WHERE res_stopped AND NOT res_breached) AS res_met,
              count(*) FILTER (WHERE res_breached OR (NOT res_stopped AND res_due_at < $3)) AS res_breached,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY res_elapsed_minutes) FILTER (WHERE res_stopped) AS res_median
         FROM it_tickets
        WHERE created_at >= $1 AND created_at < $2 AND sla_policy_id IS NOT NULL
        GROUP BY GROUPING SETS ((priority), (group_id), ())
        ORDER BY GROUPING(priority), priority, GROUPING(group_id), group_id NULLS LAST`,
      [start, end, this.clock.now()],
    );
    const toRow = (r: Row): SlaReportRowDto => ({
      priority: r.priority,
      groupId: r.group_id,
      tickets: Number(r.tickets),
      firstResponse: target(r.fr_met, r.fr_breached, r.fr_median),
      resolution: target(r.res_met, r.res_breached, r.res_median),
    });
    return {
      from,
      to,
      timeZone: zone,
      byPriority: rows.filter((r) => Number(r.by_priority) === 1 && Number(r.by_group) === 0).map(toRow),
      byGroup: rows.filter((r) => Number(r.by_group) === 1 && Number(r.by_priority) === 0).map(toRow),
      total: toRow(rows.find((r) => Number(r.by_group) === 1 && Number(r.by_priority) === 1) ?? ({ priority: null, group_id: null, tickets: '0', fr_met: '0', fr_breached: '0', fr_median: null, res_met: '0', res_breached: '0', res_median: null } as Row)),
    };
  }
}

function target(metRaw: string, breachedRaw: string, median: number | null) {
  const met = Number(metRaw);
  const breached = Number(breachedRaw);
  // Percentage as a decimal string, one place, half-up (integer arithmetic, no float rounding).
  const metPercent = met + breached === 0 ? null : (Math.round((met * 1000) / (met + breached)) / 10).toFixed(1);
  return { met, breached, metPercent, medianBusinessMinutes: median === null ? null : Number(median) };
}
