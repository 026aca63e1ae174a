import { useSyncExternalStore } from 'react';

/**
 * The chimes: short tones made with WebAudio (no file to load). Browsers start audio only after a user gesture,
 * so the context is resumed on the first tap anywhere on the page, and screens show whether sound is on
 * (`useAudioUnlocked`) so a silent kitchen is never a surprise.
 */
let context: AudioContext | null = null;
const listeners = new Set<() => void>();

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  if (!context) {
    context = new AudioContext();
    context.addEventListener('statechange', () => listeners.forEach((l) => l()));
  }
  return context;
}

/** Resumes audio; resolves whether it now plays. Call it from a tap (a user gesture). */
export async function enableAudio(): Promise<boolean> {
  const ctx = audio();
  if (!ctx) return false;
  await ctx.resume().catch(() => undefined);
  return ctx.state === 'running';
}

export function unlockAudioOnFirstGesture(): void {
  const unlock = (): void => {
    void enableAudio();
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

function isRunning(): boolean {
  return audio()?.state === 'running';
}

/** Whether the page may play sound now; re-renders when the browser allows (or stops) audio. */
export function useAudioUnlocked(): boolean {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, isRunning);
}

function tones(frequencies: readonly number[], step = 0.18, length = 0.16, type: OscillatorType = 'sine'): void {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime;
  frequencies.forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.value = frequency;
    const t = start + i * step;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.4, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + length + 0.01);
  });
}

/** A new order. */
export function beep(): void {
  tones([880, 1320]);
}

/** A guest calls staff: three rising notes, unlike an order's. */
export function callChime(): void {
  tones([660, 880, 1100], 0.15, 0.13, 'triangle');
}

/** The connection to the server is lost: two low, long notes. */
export function warnChime(): void {
  tones([330, 220], 0.4, 0.36, 'square');
}
