// What the invite link and the pairing code both do with the text they show: draw it as a QR code, and copy it.
import QRCode, { type QRCodeToDataURLOptions } from 'qrcode';
import { t } from '../../i18n/i18n.svelte';
import { toasts } from '../state/toasts.svelte';

/**
 * Draws `text` as a QR code and hands its data URL to `show` ('' when it cannot be drawn). Returns a
 * cancel for an $effect to return: a drawing of a text that has since changed is not shown.
 */
export function drawQr(text: string, options: QRCodeToDataURLOptions, show: (url: string) => void): () => void {
  let cancelled = false;
  QRCode.toDataURL(text, options)
    .then((url) => {
      if (!cancelled) show(url);
    })
    .catch(() => show(''));
  return () => (cancelled = true);
}

/** Copies `text` and says `copied`; where the clipboard is refused, selects `field` for the person to copy by hand. */
export async function copyText(text: string, copied: string, field: HTMLInputElement | HTMLTextAreaElement | undefined): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toasts.show(copied);
  } catch {
    field?.select();
    toasts.show(t('sync.copyFailed'));
  }
}
