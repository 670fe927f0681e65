/**
 * Closes a popup menu when the person presses outside it or presses Escape. Call it in an
 * `$effect` while the menu is open and return what it returns, so the listeners go with it.
 */
export function dismissOnOutside(menu: () => HTMLElement | undefined, close: () => void): () => void {
  const onPointer = (event: PointerEvent) => {
    const el = menu();
    if (el && !el.contains(event.target as Node)) close();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  document.addEventListener('pointerdown', onPointer);
  document.addEventListener('keydown', onKey);
  return () => {
    document.removeEventListener('pointerdown', onPointer);
    document.removeEventListener('keydown', onKey);
  };
}
