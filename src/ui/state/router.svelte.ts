import { href, parseRoute, type Route } from './routes';

export { href, parseRoute, type Route };

class Router {
  #route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.#route = parseRoute(location.hash);
    });
  }

  get route(): Route {
    return this.#route;
  }

  go(route: Route, options: { replace?: boolean } = {}) {
    const target = href(route);
    if (options.replace) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    this.#route = parseRoute(target);
  }
}

export const router = new Router();
