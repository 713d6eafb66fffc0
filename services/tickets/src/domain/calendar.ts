import calendarData from './calendar-cn.json';
import { WorkingCalendar } from './working-calendar';

/** The calendar of Asia/Shanghai working days, from calendar-cn.json. */
export function loadShanghaiCalendar(): WorkingCalendar {
  return new WorkingCalendar(calendarData);
}
