import { createContext, useCallback, useEffect, useState } from 'react';

/**
 * The tablet's accessibility mode (KWCAG / the kiosk accessibility standard as the anchor): large text, high
 * contrast, bigger targets, no motion, one column, and the menu read aloud on request. It is a property of the
 * device, not of a guest: remembered in localStorage, and shown as `data-a11y="on"` on <html>, which the
 * stylesheet keys every change on (so no component needs to know about it beyond the toggle).
 */
const KEY = 'hiorder.accessibility';

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

function apply(on: boolean): void {
  if (on) document.documentElement.dataset.a11y = 'on';
  else delete document.documentElement.dataset.a11y;
}

export function useAccessibilityMode(): [boolean, () => void] {
  const [on, setOn] = useState(stored);
  useEffect(() => apply(on), [on]);
  const toggle = useCallback(() => {
    setOn((was) => {
      try {
        localStorage.setItem(KEY, was ? 'off' : 'on');
      } catch {
        // a preference only
      }
      return !was;
    });
  }, []);
  return [on, toggle];
}

/** Reads a text aloud with the Web Speech API in the guest's language; false where the browser has no voice. */
export function speak(text: string, locale: string): boolean {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return false;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale === 'ko' ? 'ko-KR' : 'en-US';
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
  return true;
}

export function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window;
}

export interface AccessibilityState {
  on: boolean;
  toggle: () => void;
}

export const AccessibilityContext = createContext<AccessibilityState>({ on: false, toggle: () => undefined });
