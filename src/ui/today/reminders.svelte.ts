import type { WorkspaceSession } from '../../app/session';
import { todayCalendarDate } from '../../domain/dates';
import { groupReminders, type Reminder } from '../../domain/reminders';
import { t } from '../../i18n/i18n.svelte';
import { Live } from '../state/live.svelte';
import { router } from '../state/router.svelte';
import { crmSettingsOf } from '../state/crm-settings-row';
import { reminderText } from './reminder-text';

export type NotifyState = 'unsupported' | 'off' | 'on' | 'denied';

/** Ids kept of reminders already notified (they carry their date, so old ones only take space). */
const KEEP_NOTIFIED = 1000;
/** More new reminders than this at once become one summary notification. */
const MAX_SEPARATE = 3;

// Over plain http from a network address Chromium has Notification but always denies it: not 'blocked by you'.
const supported = () => typeof window !== 'undefined' && 'Notification' in window && window.isSecureContext !== false;

/**
 * The reminders of the open workspace, shared by the navigation badge, the Today page and the
 * notifications: computed from the read tables (live), recomputed each minute so a task at
 * 14:00 becomes overdue at 14:00, and on a new day.
 *
 * Notifications are opt-in ("Notify me" on the Today page); which reminders were notified is
 * remembered on this device, so each notifies once, not at every start.
 */
export class ReminderCenter {
  #session: WorkspaceSession;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never mutated: each tick sets a new Date
  #now = $state(new Date());
  #settings: Live<unknown>;
  readonly crm = $derived(crmSettingsOf(this.#settingsValue()));
  readonly today = $derived(todayCalendarDate(this.#now));
  #live = $derived(new Live(this.#remindersQuery()));
  #last: Reminder[] | undefined;
  readonly groups = $derived(groupReminders(this.list));
  /** Overdue and today: the navigation badge. */
  readonly dueCount = $derived(this.groups.overdue.length + this.groups.today.length);

  #permission = $state<NotificationPermission>(supported() ? Notification.permission : 'denied');
  #enabled = $state(false);
  /** Not reactive on purpose: remembering a notification must not re-run the effect that sent it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- see above
  #notified = new Set<string>();
  #prefsRead: Promise<void>;

  constructor(session: WorkspaceSession) {
    this.#session = session;
    this.#settings = new Live(session.queries.settings());
    this.#prefsRead = this.#readPrefs();
  }

  #settingsValue(): unknown {
    return this.#settings.current;
  }

  #remindersQuery() {
    return this.#session.queries.reminders.due(this.today, this.#now, this.crm);
  }

  get now(): Date {
    return this.#now;
  }

  get list(): Reminder[] {
    const value = this.#live.current;
    if (value) this.#last = value;
    return value ?? this.#last ?? [];
  }

  get loaded(): boolean {
    return this.#live.loaded || this.#last !== undefined;
  }

  get #notifiedKey() {
    return `crm-notified:${this.#session.id}`;
  }

  get #enabledKey() {
    return `crm-notify:${this.#session.id}`;
  }

  async #readPrefs() {
    const [enabled, notified] = await Promise.all([
      this.#session.prefs.get<unknown>(this.#enabledKey, false),
      this.#session.prefs.get<unknown>(this.#notifiedKey, []),
    ]);
    this.#enabled = enabled === true;
    if (Array.isArray(notified)) for (const id of notified) if (typeof id === 'string') this.#notified.add(id);
  }

  /** Keeps the clock going while the app is open; returns the cleanup. */
  start(): () => void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
    const tick = () => (this.#now = new Date());
    const timer = setInterval(tick, 60_000);
    // Back from the background (a phone, a laptop lid): catch up at once.
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  get notifyState(): NotifyState {
    if (!supported()) return 'unsupported';
    if (this.#permission === 'denied') return 'denied';
    return this.#enabled && this.#permission === 'granted' ? 'on' : 'off';
  }

  /** Asks the browser for permission (only ever from a click), then notifies from now on. */
  async enableNotifications(): Promise<void> {
    if (!supported()) return;
    this.#permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (this.#permission !== 'granted') return;
    await this.#prefsRead;
    // What is due right now is on the screen of whoever clicked: only what becomes due later notifies.
    void this.#remember(this.#due().map((r) => r.id));
    this.#enabled = true;
    await this.#session.prefs.set(this.#enabledKey, true);
  }

  async disableNotifications(): Promise<void> {
    this.#enabled = false;
    await this.#session.prefs.set(this.#enabledKey, false);
  }

  /** Due now: overdue, and today's all-day ones; a task at 14:00 is due at 14:00 (it is overdue from then on). */
  #due(): Reminder[] {
    return [...this.groups.overdue, ...this.groups.today.filter((r) => r.time === null)];
  }

  /** Resolves once the ids are kept on this device (or keeping them failed, which is logged). */
  #remember(ids: string[]): Promise<void> {
    for (const id of ids) this.#notified.add(id);
    const kept = [...this.#notified].slice(-KEEP_NOTIFIED);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not reactive on purpose (see #notified)
    this.#notified = new Set(kept);
    return this.#session.prefs.set(this.#notifiedKey, kept).catch((error: unknown) => console.error(error));
  }

  /** Run from an effect: notifies each due reminder once, while notifications are on. */
  notifyDue(): void {
    if (this.notifyState !== 'on' || !this.loaded) return;
    const fresh = this.#due().filter((r) => !this.#notified.has(r.id));
    if (fresh.length === 0) return;
    void this.#prefsRead.then(async () => {
      const still = fresh.filter((r) => !this.#notified.has(r.id));
      if (still.length === 0) return;
      // Kept first: the app closed right after a notification must not show it again at the next start.
      await this.#remember(still.map((r) => r.id));
      if (still.length <= MAX_SEPARATE) for (const r of still) show(reminderText(r), { tag: r.id, body: t('crm.notify.body') });
      else show(t('crm.notify.many', { n: still.length }), { tag: 'kehu-reminders', body: still.slice(0, MAX_SEPARATE).map(reminderText).join('\n') });
    });
  }
}

function show(title: string, options: NotificationOptions) {
  const open = () => {
    window.focus();
    router.go({ name: 'today' });
  };
  try {
    const notification = new Notification(title, options);
    notification.onclick = open;
  } catch {
    // Chrome on Android only shows notifications through the service worker.
    void navigator.serviceWorker?.getRegistration().then((registration) => registration?.showNotification(title, options));
  }
}
