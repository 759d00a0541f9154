import { isoWeekOf, parseIsoWeek } from '../../calendar/domain/iso-week';
import { addDays, IsoDate, parseIsoDate } from '../../calendar/domain/oslo-time';
import { InvalidInputError } from '../errors/domain-errors';

/**
 * The days a list or timetable asked for with optional `from`/`to` covers: by default the ISO week of `today`; with only one end given, the 7 days
 * from or up to it. At most `maxDays` days, both ends included.
 */
export function listRange(q: { from?: IsoDate; to?: IsoDate }, today: IsoDate, maxDays: number): { from: IsoDate; to: IsoDate } {
  const week = parseIsoWeek(isoWeekOf(today));
  const from = q.from ?? (q.to ? addDays(q.to, -6) : week.monday);
  const to = q.to ?? (q.from ? addDays(q.from, 6) : week.sunday);
  if (from > to) throw new InvalidInputError(`from (${from}) is after to (${to})`);
  const days = Math.round(parseIsoDate(to).diff(parseIsoDate(from), 'days').days) + 1;
  if (days > maxDays) throw new InvalidInputError(`At most ${maxDays} days at a time; ${from}..${to} is ${days}`);
  return { from, to };
}
