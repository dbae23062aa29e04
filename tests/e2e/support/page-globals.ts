import type { KioskTestHook } from '../../../renderer/display/test-hook-types.js';

/**
 * The few browser globals the e2e tests' page functions touch, typed without
 * the DOM lib: the Node-side tsconfig has none, on purpose (main/ must not
 * use the DOM). Page functions are serialised and run in the page, so they
 * cannot close over helpers: write `(globalThis as unknown as PageGlobals)`.
 */
export interface PageElement {
  readonly textContent: string | null;
  readonly hidden: boolean;
  readonly offsetHeight: number;
  readonly classList: { contains(name: string): boolean };
  readonly style: { readonly transform: string };
  querySelector(selector: string): PageElement | null;
  dispatchEvent(event: unknown): boolean;
}

export interface PageGlobals {
  readonly __kiosk?: KioskTestHook;
  readonly document: {
    getElementById(id: string): PageElement | null;
    querySelector(selector: string): PageElement | null;
    readonly body: PageElement;
  };
  getComputedStyle(element: PageElement): { readonly userSelect: string; readonly overflow: string };
  readonly MouseEvent: new (type: string, init: { bubbles: boolean; cancelable: boolean }) => { readonly defaultPrevented: boolean };
  requestAnimationFrame(callback: () => void): number;
}
