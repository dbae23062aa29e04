type Child = Node | string | null | undefined | false;

/** A small element builder: h('button', { class: 'big', onclick }, 'Save'). Text goes in as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, unknown>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key in el && key !== 'class' && key !== 'list') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key === 'class' ? 'class' : key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

export function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`operator page is missing #${id}`);
  return el as T;
}
