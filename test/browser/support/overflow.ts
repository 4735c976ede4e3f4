import type { Page } from '@playwright/test';

/** A control whose text does not fit its box, as the page draws it. */
export interface Overflow {
  control: string;
  text: string;
  /** The box that cuts it: the control, a part of it, or an ancestor that hides it. */
  box: string;
  scrollWidth: number;
  clientWidth: number;
}

/** Controls people read: buttons, links, tabs, menu items, navigation, labels, table cells. */
const CONTROLS = [
  'button',
  'a[href]',
  '[role="tab"]',
  '[role="menuitem"]',
  '[role="option"]',
  '[role="treeitem"]',
  'nav a',
  'label',
  'legend',
  'th',
  '[role="columnheader"]',
  'td',
  '[role="cell"]',
  'h1',
  'h2',
  'h3',
].join(',');

/**
 * Every control on the page whose text is cut or runs out of its box: the control, or a
 * text-bearing element inside it, is wider inside than out (scrollWidth > clientWidth, which
 * is so for overflow: hidden, for an ellipsis and for text running past a visible edge), or
 * an ancestor hides part of it; every input whose placeholder is wider than its room; and
 * every table wider than the box it scrolls in (at 1280 px a person should not have to scroll
 * sideways to read a row). Visually hidden text (one pixel, clipped on purpose) and scrolling
 * containers are not controls' text.
 */
export function findOverflows(page: Page): Promise<Overflow[]> {
  return page.evaluate((selector) => {
    const found: Overflow[] = [];
    const describe = (element: Element) => {
      const role = element.getAttribute('role');
      const label = element.getAttribute('aria-label');
      return `${element.tagName.toLowerCase()}${role ? `[role=${role}]` : ''}${label ? `[aria-label="${label}"]` : ''}`;
    };
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 2 && box.height > 2 && style.visibility !== 'hidden';
    };
    const ownText = (element: Element) =>
      Array.from(element.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim(),
      );
    const scrolls = (element: Element) => /auto|scroll/.test(getComputedStyle(element).overflowX);
    /** An ancestor that hides part of the control (up to the nearest scrolling one, which the user can scroll). */
    const clippedBy = (control: Element): HTMLElement | undefined => {
      const box = control.getBoundingClientRect();
      for (let up = control.parentElement; up && !scrolls(up); up = up.parentElement) {
        if (!/hidden|clip/.test(getComputedStyle(up).overflowX)) continue;
        const edge = up.getBoundingClientRect();
        if (edge.width > 2 && (box.right > edge.right + 1 || box.left < edge.left - 1)) return up;
      }
      return undefined;
    };

    for (const control of Array.from(document.querySelectorAll(selector))) {
      if (!shown(control)) continue;
      const boxes = [control, ...Array.from(control.querySelectorAll('*'))].filter(
        (element) =>
          element instanceof HTMLElement &&
          element.clientWidth > 0 &&
          shown(element) &&
          !scrolls(element) &&
          (element === control || ownText(element)),
      ) as HTMLElement[];
      const cut =
        boxes.find((element) => element.scrollWidth > element.clientWidth + 1) ??
        clippedBy(control);
      if (cut) {
        found.push({
          control: describe(control),
          text: (control.textContent ?? '').trim().slice(0, 80),
          box: `${cut.tagName.toLowerCase()}.${String(cut.className).split(' ')[0]}`,
          scrollWidth: cut.scrollWidth,
          clientWidth: cut.clientWidth,
        });
      }
    }

    for (const table of Array.from(document.querySelectorAll('table'))) {
      let box: HTMLElement | null = table.parentElement;
      while (box && !scrolls(box)) box = box.parentElement;
      if (!box || !shown(table) || box.scrollWidth <= box.clientWidth + 1) continue;
      found.push({
        control: describe(table),
        text: (table.querySelector('th, td')?.textContent ?? '').trim().slice(0, 80),
        box: `${box.tagName.toLowerCase()}.${String(box.className).split(' ')[0]} (scrolls sideways)`,
        scrollWidth: box.scrollWidth,
        clientWidth: box.clientWidth,
      });
    }

    const canvas = document.createElement('canvas').getContext('2d')!;
    const inputs = document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input[placeholder], textarea[placeholder]',
    );
    for (const input of Array.from(inputs)) {
      if (!shown(input) || input.value || !input.placeholder) continue;
      const style = getComputedStyle(input);
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const needed = Math.ceil(canvas.measureText(input.placeholder).width);
      const room =
        input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (needed > room + 1) {
        found.push({
          control: `${describe(input)} placeholder`,
          text: input.placeholder,
          box: 'placeholder',
          scrollWidth: needed,
          clientWidth: Math.floor(room),
        });
      }
    }
    return found;
  }, CONTROLS);
}
