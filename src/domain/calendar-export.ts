import ICAL from 'ical.js';
import { addDays } from './date-math';
import type { Reminder } from './reminders';

export interface CalendarExportOptions {
  /** When the file is made (DTSTAMP). */
  now: Date;
  /** The event title in the reader's language, e.g. "生日：王建国"; defaults to the reminder's title. */
  summary?: (reminder: Reminder) => string;
  description?: (reminder: Reminder) => string;
}

function dateTime(date: string, time: string | null): ICAL.Time {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = (time ?? '00:00').split(':').map(Number);
  return ICAL.Time.fromData({ year, month, day, hour, minute, second: 0, isDate: time === null });
}

/**
 * Reminders as an iCalendar file (RFC 5545), written by ical.js. Each reminder is a VEVENT
 * (calendar apps show those; many ignore VTODO) whose UID is the reminder's stable id, so
 * importing a newer export updates events instead of duplicating them. All-day reminders
 * (birthdays, due dates) are DATE values; timed tasks use floating local time, as they are typed.
 */
export function remindersToIcs(reminders: readonly Reminder[], options: CalendarExportOptions): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Kehu//Reminders//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  const stamp = ICAL.Time.fromJSDate(options.now, true);
  for (const reminder of reminders) {
    const component = new ICAL.Component('vevent');
    const event = new ICAL.Event(component);
    event.uid = `${reminder.id}@kehu`;
    component.updatePropertyWithValue('dtstamp', stamp);
    event.summary = options.summary?.(reminder) ?? reminder.title;
    const description = options.description?.(reminder);
    if (description) event.description = description;
    event.startDate = dateTime(reminder.date, reminder.time);
    if (reminder.time === null) event.endDate = dateTime(addDays(reminder.date, 1), null);
    component.updatePropertyWithValue('categories', reminder.kind);
    calendar.addSubcomponent(component);
  }
  return calendar.toString();
}
