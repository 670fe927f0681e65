import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { remindersToIcs } from '../../../src/domain/calendar-export';
import type { Reminder } from '../../../src/domain/reminders';

const birthday: Reminder = {
  id: 'birthday:c1:2027-02-28',
  kind: 'birthday',
  date: '2027-02-28',
  time: null,
  due: 'upcoming',
  title: '王建国',
  customerId: 'c1',
  recordId: 'c1',
  assigneeId: 'member-a',
  years: 35,
};
const task: Reminder = {
  id: 'follow-up:t1:2026-12-31',
  kind: 'follow-up',
  date: '2026-12-31',
  time: '14:30',
  due: 'today',
  title: 'Call back; bring samples, price list',
  customerId: 'c1',
  recordId: 't1',
  assigneeId: 'member-b',
  years: null,
};
const now = new Date('2026-12-31T02:00:00.000Z');

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((c) => ({ component: c, event: new ICAL.Event(c) })) };
}

describe('remindersToIcs', () => {
  it('writes a calendar that ical.js reads back, one event per reminder', () => {
    const ics = remindersToIcs([birthday, task], { now });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const { calendar, events: list } = events(ics);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Kehu//Reminders//EN');
    expect(list.map(({ event }) => event.uid)).toEqual(['birthday:c1:2027-02-28@kehu', 'follow-up:t1:2026-12-31@kehu']);
    for (const { component } of list) expect(String(component.getFirstPropertyValue('dtstamp'))).toBe('2026-12-31T02:00:00Z');
  });

  it('a birthday is an all-day event on its date', () => {
    const { event, component } = events(remindersToIcs([birthday], { now, summary: (r) => `生日：${r.title}（${r.years} 岁）` })).events[0]!;
    expect(event.summary).toBe('生日：王建国（35 岁）');
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-02-28');
    expect(event.endDate.toString()).toBe('2027-03-01');
    expect(component.getFirstPropertyValue('categories')).toBe('birthday');
  });

  it('a task with a time is at that local time, and text with commas and semicolons survives', () => {
    const { event } = events(remindersToIcs([task], { now, description: () => 'Customer: 王建国' })).events[0]!;
    expect(event.summary).toBe('Call back; bring samples, price list');
    expect(event.description).toBe('Customer: 王建国');
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.toString()).toBe('2026-12-31T14:30:00');
    expect(event.startDate.zone?.tzid).toBe('floating');
  });

  it('an empty list is an empty calendar', () => {
    const { calendar, events: list } = events(remindersToIcs([], { now }));
    expect(calendar.name).toBe('vcalendar');
    expect(list).toEqual([]);
  });
});
