export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => unknown };
}

/** Short messages at the bottom of the screen, e.g. "Moved to Trash — Undo". */
class Toasts {
  #items = $state<Toast[]>([]);
  #next = 1;

  get items(): Toast[] {
    return this.#items;
  }

  show(message: string, options: { tone?: Toast['tone']; action?: Toast['action']; ms?: number } = {}): number {
    const id = this.#next++;
    this.#items = [...this.#items, { id, message, tone: options.tone ?? 'info', ...(options.action ? { action: options.action } : {}) }];
    setTimeout(() => this.dismiss(id), options.ms ?? (options.action ? 8000 : 4000));
    return id;
  }

  dismiss(id: number) {
    this.#items = this.#items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
