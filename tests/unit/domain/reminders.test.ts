import { describe, expect, it } from 'vitest';
import { generateReminders, groupReminders, type ReminderCustomer, type ReminderInput } from '../../../src/domain/reminders';
import { defaultCrmSettings } from '../../../src/domain/crm-settings';
import { complaint, interaction, localNoon, refund, step, task } from './crm-fixtures';

const TODAY = '2026-06-15';

function customer(overrides: Partial<ReminderCustomer> & Record<string, unknown> = {}): ReminderCustomer {
  return {
    id: 'c1',
    name: '王建国',
    kind: 'person',
    birthday: null,
    ownerId: 'member-a',
    status: 'active',
    createdAt: localNoon('2026-01-10'),
    deletedAt: null,
    ...overrides,
  };
}

function input(overrides: Partial<ReminderInput> = {}): ReminderInput {
  const today = overrides.today ?? TODAY;
  const [y, m, d] = today.split('-').map(Number);
  return {
    today,
    now: new Date(y!, m! - 1, d!, 10, 0),
    customers: [],
    tasks: [],
    interactions: [],
    refunds: [],
    complaints: [],
    settings: defaultCrmSettings,
    ...overrides,
  };
}

/** [kind, date, due, years] of each reminder, for compact tables. */
const brief = (i: ReminderInput) => generateReminders(i).map((r) => [r.kind, r.date, r.due, r.years] as const);

describe('birthdays', () => {
  it.each<[string, string, string | null, (readonly [string, string, string, number | null])[]]>([
    ['in five days', TODAY, '1980-06-20', [['birthday', '2026-06-20', 'upcoming', 46]]],
    ['today', TODAY, '1980-06-15', [['birthday', '2026-06-15', 'today', 46]]],
    ['on the last day of the window', TODAY, '1980-06-22', [['birthday', '2026-06-22', 'upcoming', 46]]],
    ['one day after the window', TODAY, '1980-06-23', []],
    ['yesterday (not reminded late)', TODAY, '1980-06-14', []],
    ['across the end of the year', '2026-12-28', '1990-01-02', [['birthday', '2027-01-02', 'upcoming', 37]]],
    ['on New Year’s Eve seen from Christmas', '2026-12-25', '1990-12-31', [['birthday', '2026-12-31', 'upcoming', 36]]],
    ['29 February in a year without it: on 28 February', '2027-02-25', '1992-02-29', [['birthday', '2027-02-28', 'upcoming', 35]]],
    ['29 February on 28 February of a year without it', '2027-02-28', '1992-02-29', [['birthday', '2027-02-28', 'today', 35]]],
    ['29 February in a leap year', '2028-02-25', '1992-02-29', [['birthday', '2028-02-29', 'upcoming', 36]]],
    ['29 February seen on 1 March: next year', '2027-03-01', '1992-02-29', []],
    ['no birthday', TODAY, null, []],
    ['a baby born this week (no first birthday yet)', TODAY, '2026-06-12', []],
  ])('%s', (_, today, birthday, expected) => {
    expect(brief(input({ today, customers: [customer({ birthday, createdAt: localNoon(today) })] }))).toEqual(expected);
  });

  it('names the customer and goes to its owner', () => {
    const [r] = generateReminders(input({ customers: [customer({ birthday: '1980-06-20' })] }));
    expect(r).toEqual({
      id: 'birthday:c1:2026-06-20',
      kind: 'birthday',
      date: '2026-06-20',
      time: null,
      due: 'upcoming',
      title: '王建国',
      customerId: 'c1',
      recordId: 'c1',
      assigneeId: 'member-a',
      years: 46,
    });
  });

  it.each<[string, Partial<ReminderCustomer>]>([
    ['in Trash', { deletedAt: '2026-06-01T00:00:00.000Z' }],
    ['lost', { status: 'lost' }],
  ])('no reminders for a customer %s', (_, patch) => {
    expect(generateReminders(input({ customers: [customer({ birthday: '1980-06-20', createdAt: localNoon('2020-06-16'), ...patch })] }))).toEqual([]);
  });

  it('uses the reminder window of the settings', () => {
    const settings = { ...defaultCrmSettings, reminderWindowDays: 30 };
    expect(brief(input({ settings, customers: [customer({ birthday: '1980-07-15', createdAt: localNoon(TODAY) })] }))).toEqual([['birthday', '2026-07-15', 'upcoming', 46]]);
  });
});

describe('customer anniversaries (from the day the customer was added)', () => {
  it.each<[string, string, (readonly [string, string, string, number | null])[]]>([
    ['two years in three days', localNoon('2024-06-18'), [['anniversary', '2026-06-18', 'upcoming', 2]]],
    ['one year today', localNoon('2025-06-15'), [['anniversary', '2026-06-15', 'today', 1]]],
    ['added this week: no anniversary yet', localNoon('2026-06-12'), []],
    ['added a month ago', localNoon('2026-05-15'), []],
  ])('%s', (_, createdAt, expected) => {
    expect(brief(input({ customers: [customer({ createdAt, verifiedAt: localNoon(TODAY) })] }))).toEqual(expected);
  });
});

describe('verify-details (profile not reviewed for the configured period)', () => {
  it.each<[string, Record<string, unknown>, number, (readonly [string, string, string, number | null])[]]>([
    ['never checked, added 6 months ago today', { createdAt: localNoon('2025-12-15') }, 6, [['verify-details', '2026-06-15', 'today', null]]],
    ['never checked, added 6 months ago tomorrow', { createdAt: localNoon('2025-12-16') }, 6, []],
    ['checked 7½ months ago', { createdAt: localNoon('2020-03-02'), verifiedAt: localNoon('2025-11-01') }, 6, [['verify-details', '2026-05-01', 'overdue', null]]],
    ['checked recently', { createdAt: localNoon('2020-03-02'), verifiedAt: localNoon('2026-01-01') }, 6, []],
    ['checked 7½ months ago, period 12 months', { createdAt: localNoon('2020-03-02'), verifiedAt: localNoon('2025-11-01') }, 12, []],
    ['never checked, added on 31 August: due at the end of February', { createdAt: localNoon('2025-08-31') }, 6, [['verify-details', '2026-02-28', 'overdue', null]]],
  ])('%s', (_, patch, verifyAfterMonths, expected) => {
    const settings = { ...defaultCrmSettings, verifyAfterMonths };
    expect(brief(input({ settings, customers: [customer(patch)] })).filter(([kind]) => kind === 'verify-details')).toEqual(expected);
  });
});

describe('follow-ups (tasks and next steps)', () => {
  it.each<[string, Parameters<typeof task>[0], (readonly [string, string, string, number | null])[]]>([
    ['due today', {}, [['follow-up', TODAY, 'today', null]]],
    ['due today at 09:00, now 10:00', { dueTime: '09:00' }, [['follow-up', TODAY, 'overdue', null]]],
    ['due today at 11:00, now 10:00', { dueTime: '11:00' }, [['follow-up', TODAY, 'today', null]]],
    ['due last month', { dueDate: '2026-05-15' }, [['follow-up', '2026-05-15', 'overdue', null]]],
    ['due in a week', { dueDate: '2026-06-22' }, [['follow-up', '2026-06-22', 'upcoming', null]]],
    ['due after the window', { dueDate: '2026-06-23' }, []],
    ['done', { dueDate: '2026-05-15', done: true }, []],
    ['in Trash', { deletedAt: '2026-06-01T00:00:00.000Z' }, []],
    ['without a due date', { dueDate: null }, []],
  ])('a task %s', (_, patch, expected) => {
    expect(brief(input({ tasks: [task(patch)] }))).toEqual(expected);
  });

  it('a next step is reminded once: through its task if it has one', () => {
    const i1 = interaction({ id: 'i1', nextStep: '寄样品', nextStepDue: '2026-06-16' });
    const i2 = interaction({ id: 'i2', nextStep: '回电话', nextStepDue: '2026-06-17', memberId: 'member-b' });
    const i3 = interaction({ id: 'i3', nextStep: '', nextStepDue: null });
    const t1 = task({ id: 't1', title: '寄样品', dueDate: '2026-06-16', interactionId: 'i1' });
    const reminders = generateReminders(input({ interactions: [i1, i2, i3], tasks: [t1] }));
    expect(reminders.map((r) => [r.id, r.title, r.assigneeId])).toEqual([
      ['follow-up:t1:2026-06-16', '寄样品', 'member-a'],
      ['follow-up:i2:2026-06-17', '回电话', 'member-b'],
    ]);
  });

  it('a next step whose task was ticked off is not reminded', () => {
    const i1 = interaction({ id: 'i1', nextStep: '寄样品', nextStepDue: '2026-06-10' });
    expect(generateReminders(input({ interactions: [i1], tasks: [task({ interactionId: 'i1', done: true })] }))).toEqual([]);
  });
});

describe('refunds due', () => {
  const approved = [step('a', 'approved', null)];
  it.each<[string, Parameters<typeof refund>[0], Parameters<typeof refund>[1], (readonly [string, string, string, number | null])[]]>([
    ['requested, due yesterday', { dueDate: '2026-06-14' }, [], [['refund-due', '2026-06-14', 'overdue', null]]],
    ['approved, due last week', { dueDate: '2026-06-08' }, approved, [['refund-due', '2026-06-08', 'overdue', null]]],
    // The issue: Today left these out (only past-due refunds were reminded).
    ['requested, due today', { dueDate: TODAY }, [], [['refund-due', TODAY, 'today', null]]],
    ['requested, due in 2 days', { dueDate: '2026-06-17' }, [], [['refund-due', '2026-06-17', 'upcoming', null]]],
    ['approved, due on the last day of the window', { dueDate: '2026-06-22' }, approved, [['refund-due', '2026-06-22', 'upcoming', null]]],
    ['requested, due after the window', { dueDate: '2026-06-23' }, [], []],
    ['completed', { dueDate: '2026-06-08' }, [...approved, step('c', 'completed', 'a')], []],
    ['rejected', { dueDate: '2026-06-08' }, [step('x', 'rejected', null)], []],
    ['without a due date', { dueDate: null }, [], []],
  ])('%s', (_, patch, steps, expected) => {
    expect(brief(input({ refunds: [refund(patch, steps)] }))).toEqual(expected);
  });

  it('is titled with the customer’s name', () => {
    const [r] = generateReminders(input({ customers: [customer({ createdAt: localNoon(TODAY) })], refunds: [refund({ customerId: 'c1', dueDate: '2026-06-01' })] }));
    expect(r).toMatchObject({ kind: 'refund-due', title: '王建国', recordId: 'r1', customerId: 'c1' });
  });
});

describe('complaint SLA', () => {
  it.each<[string, Parameters<typeof complaint>[0], Parameters<typeof complaint>[1], (readonly [string, string, string, number | null])[]]>([
    ['open, due tomorrow', { dueDate: '2026-06-16' }, [], [['complaint-sla', '2026-06-16', 'upcoming', null]]],
    ['in progress, due two days ago', { dueDate: '2026-06-13' }, [step('s1', 'in_progress', null)], [['complaint-sla', '2026-06-13', 'overdue', null]]],
    ['open, due today', { dueDate: TODAY }, [], [['complaint-sla', TODAY, 'today', null]]],
    ['resolved, past due', { dueDate: '2026-06-13' }, [step('s1', 'resolved', null)], []],
    ['reopened, past due', { dueDate: '2026-06-13' }, [step('s1', 'resolved', null), step('s2', 'open', 's1')], [['complaint-sla', '2026-06-13', 'overdue', null]]],
    ['due after the window', { dueDate: '2026-06-25' }, [], []],
  ])('%s', (_, patch, steps, expected) => {
    expect(brief(input({ complaints: [complaint(patch, steps)] }))).toEqual(expected);
  });

  it('goes to the assignee', () => {
    expect(generateReminders(input({ complaints: [complaint({ dueDate: '2026-06-16' })] }))[0]).toMatchObject({ assigneeId: 'member-b', title: '茶叶受潮' });
  });
});

describe('order and grouping for the Today view', () => {
  const all = input({
    customers: [customer({ birthday: '1980-06-18', createdAt: localNoon('2025-12-01') })],
    tasks: [task({ id: 't1', dueDate: TODAY, dueTime: '15:00' }), task({ id: 't2', dueDate: TODAY }), task({ id: 't3', dueDate: '2026-06-01' })],
    complaints: [complaint({ dueDate: '2026-06-16' })],
    refunds: [refund({ dueDate: '2026-06-10' })],
  });

  it('sorts by date, all-day before timed, then by kind', () => {
    expect(generateReminders(all).map((r) => r.id)).toEqual([
      'follow-up:t3:2026-06-01',
      'verify-details:c1:2026-06-01',
      'refund-due:r1:2026-06-10',
      'follow-up:t2:2026-06-15',
      'follow-up:t1:2026-06-15',
      'complaint-sla:k1:2026-06-16',
      'birthday:c1:2026-06-18',
    ]);
  });

  it('groups into overdue, today and upcoming', () => {
    const groups = groupReminders(generateReminders(all));
    expect(Object.fromEntries(Object.entries(groups).map(([due, list]) => [due, list.map((r) => r.id)]))).toEqual({
      overdue: ['follow-up:t3:2026-06-01', 'verify-details:c1:2026-06-01', 'refund-due:r1:2026-06-10'],
      today: ['follow-up:t2:2026-06-15', 'follow-up:t1:2026-06-15'],
      upcoming: ['complaint-sla:k1:2026-06-16', 'birthday:c1:2026-06-18'],
    });
  });

  it('gives the same reminders for the same records in any order', () => {
    const reversed = { ...all, tasks: [...all.tasks].reverse() };
    expect(generateReminders(reversed)).toEqual(generateReminders(all));
  });
});
