/** Inline icons (kiosk browsers often lack an emoji font, so no emoji in the UI). */
export type IconName = 'bell' | 'water' | 'cutlery' | 'person' | 'hourglass' | 'check' | 'alert' | 'offline' | 'info';

const PATHS: Record<IconName, string> = {
  bell: 'M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0',
  water: 'M12 3s-6 7-6 11a6 6 0 0 0 12 0c0-4-6-11-6-11Z',
  cutlery: 'M7 3v8m-2-8v5a2 2 0 0 0 4 0V3M7 11v10M15 3l2 18M19 3l-1 18',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 9a7 7 0 0 1 14 0M18 4l2-2M20 7h2',
  hourglass: 'M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  alert: 'M12 6v8m0 4v.5',
  offline: 'M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 5-2.6m4 0a10 10 0 0 1 5 2.6M12 20h.01',
  info: 'M12 11v6m0-10v.5',
};

export function Icon({ name, size = 24, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
