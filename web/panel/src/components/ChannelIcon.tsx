import type { Channel } from '../../../../functions/core/case/case.ts';
import { pick, useLang } from '../i18n.tsx';
import { CHANNEL } from '../labels.ts';

/** One simple outline icon per channel (inline SVG: no icon font, nothing fetched). */
const PATHS: Record<Channel | 'system', string> = {
  voice: 'M6 3h3l2 5-2.5 1.5a11 11 0 0 0 5 5L15 12l5 2v3a2 2 0 0 1-2 2A15 15 0 0 1 4 5a2 2 0 0 1 2-2z',
  sms: 'M4 5h16v11H9l-5 4z M8 10h8 M8 13h5',
  email: 'M3 6h18v12H3z M3 6l9 7 9-7',
  web: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18',
  app: 'M7 2h10v20H7z M11 18h2',
  fax: 'M6 9V3h9l3 3v3 M4 9h16v9H4z M7 14h10',
  chat: 'M4 4h12v9H8l-4 3z M10 16h6l4 3v-9h-2',
  system: 'M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8z M12 2v3 M12 19v3 M2 12h3 M19 12h3',
};

export function ChannelIcon({ channel }: { channel: Channel | undefined }) {
  const lang = useLang();
  const label = channel ? pick(CHANNEL[channel], lang) : lang === 'ar' ? 'النظام' : 'System';
  return (
    <svg className="channel-icon" viewBox="0 0 24 24" width="20" height="20" role="img" aria-label={label}>
      <title>{label}</title>
      <path
        d={PATHS[channel ?? 'system']}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}
