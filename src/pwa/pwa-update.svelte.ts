import { registerSW } from 'virtual:pwa-register';

/** Service worker registration (workbox-window) and the "new version ready" state. */
export class PwaUpdate {
  #needRefresh = $state(false);
  #offlineReady = $state(false);
  #update: (reload?: boolean) => Promise<void>;

  constructor() {
    this.#update = registerSW({
      onNeedRefresh: () => {
        this.#needRefresh = true;
      },
      onOfflineReady: () => {
        this.#offlineReady = true;
      },
    });
  }

  get needRefresh() {
    return this.#needRefresh;
  }

  get offlineReady() {
    return this.#offlineReady;
  }

  reload() {
    return this.#update(true);
  }

  dismiss() {
    this.#needRefresh = false;
  }
}
