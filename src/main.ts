import { mount } from 'svelte';
import App from './ui/App.svelte';
import { appState } from './ui/state/app-state.svelte';

mount(App, { target: document.getElementById('app')! });

// Test builds only (scripts/test.sh sets it): lets end-to-end specs act as a hostile teammate.
if (import.meta.env.VITE_KEHU_TEST_HOOKS === '1') void import('./app/test-hooks').then((m) => m.installTestHooks(() => appState.session));
