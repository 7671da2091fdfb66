/// <reference lib="dom" />
/**
 * A tiny element builder for the explorer page: `h('label', { for: 'width' }, 'Width')`.
 * Attributes are set as attributes (strings; `true` sets an empty one, `false`/`undefined` none).
 *
 * The page's one way to put data into the DOM: strings become text nodes and attribute values,
 * never markup, so a node, tensor, file or model name (anything a dropped file or a link brings)
 * is shown as it is and cannot add an element or run a script. Nothing in `src/explorer` parses
 * HTML (`innerHTML` and its kind; checked by `test/explorer/no-markup-from-data.test.ts`), and an
 * event-handler attribute (`on…`) is refused here: handlers are attached with addEventListener.
 */
export type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | number | boolean | undefined>> = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (/^on/i.test(name)) throw new Error(`h(): the event-handler attribute ${name} (use addEventListener)`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** The element with `id`; throws when the page lacks it (a bug in the page). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}
