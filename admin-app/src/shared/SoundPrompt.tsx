import { useEffect } from 'react';
import type { LinkStatus } from '../board/board-store';
import { enableAudio, useAudioUnlocked, warnChime } from '../board/beep';
import { useI18n } from './i18n';

/**
 * Shown until the browser lets the page play sound (it needs a tap first, again after every reload): a new order
 * or a staff call on a silent screen would go unnoticed, so the screen says so in large type until someone taps.
 */
export function SoundPrompt() {
  const { t } = useI18n();
  const unlocked = useAudioUnlocked();
  if (unlocked) return null;
  return (
    <button type="button" className="sound-prompt" data-testid="sound-prompt" onClick={() => void enableAudio()}>
      <span aria-hidden="true">🔇</span> {t('soundTapToEnable')}
    </button>
  );
}

/** How often the lost-connection chime repeats while the screen is cut off. */
export const CONNECTION_ALARM_REPEAT_MS = 20_000;

/** Sounds the lost-connection chime when the link drops, and again while it stays down. */
export function useConnectionAlarm(status: LinkStatus): void {
  useEffect(() => {
    if (status !== 'reconnecting') return;
    warnChime();
    const id = setInterval(warnChime, CONNECTION_ALARM_REPEAT_MS);
    return () => clearInterval(id);
  }, [status]);
}
