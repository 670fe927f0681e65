import { changeKinds, type HistoryEntry } from '../../domain/history-entries';
import { i18n, t } from '../../i18n/i18n.svelte';

/**
 * Who an entry (or a bulk alert) is from, as a person reads it: you, the teammates whose
 * devices wrote it, or, for a pure delete (Yjs keeps no author for one), the teammates
 * connected when it arrived.
 */
export function entryWho(
  entry: Pick<HistoryEntry, 'authors' | 'via'> & { source?: HistoryEntry['source'] },
  me: string,
  memberName: (id: string) => string,
): string {
  if (entry.source === 'local' || (entry.authors.length === 1 && entry.authors[0] === me)) return t('history.you');
  if (entry.authors.length > 0) return i18n.list(entry.authors.map(memberName));
  if (entry.source === 'file') return t('history.fromFile');
  if (entry.via.length > 0) return t('history.viaTeammates', { names: i18n.list(entry.via.map(memberName)) });
  return t('history.unknownDevice');
}

/** "Customers: 30 removed, 2 changed · Orders: 1 added". */
export function entrySummary(entry: HistoryEntry): string {
  return Object.entries(entry.counts)
    .map(([collection, counts]) => {
      const parts = changeKinds.filter((kind) => counts[kind]).map((kind) => t(`history.kinds.${kind}`, { count: counts[kind] }));
      return i18n.labelled(t(`history.collections.${collection}`, { defaultValue: collection }), i18n.list(parts));
    })
    .join(' · ');
}
