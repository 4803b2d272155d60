'use client';

import { useEffect } from 'react';

/**
 * Closes open <details class="popover"> panels on Escape (focus returns to their summary) and on a
 * click outside them. The panels work without it; this only makes them behave like menus.
 */
export function PopoverCloser() {
  useEffect(() => {
    const open = () => [...document.querySelectorAll<HTMLDetailsElement>('details.popover[open]')];
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      for (const d of open()) {
        const had = d.contains(document.activeElement);
        d.open = false;
        if (had) d.querySelector('summary')?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      for (const d of open()) if (!d.contains(e.target as Node)) d.open = false;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return null;
}
