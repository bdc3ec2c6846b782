/**
 * Entity-kind icons as inline SVG paths (24x24 view box), bundled: nothing is loaded from other hosts.
 * The chart and map (later issues) use the same paths, as data URIs, so a kind looks the same everywhere.
 */
import type { EntityKind } from '../domain/model';

export const KIND_ICON_PATH: Record<EntityKind, string> = {
  person: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.3-8 5.2V21h16v-1.8c0-2.9-3.6-5.2-8-5.2Z',
  vehicle:
    'M5 11 6.6 6.4A2 2 0 0 1 8.5 5h7a2 2 0 0 1 1.9 1.4L19 11h.5A1.5 1.5 0 0 1 21 12.5V17h-2v2h-3v-2H8v2H5v-2H3v-4.5A1.5 1.5 0 0 1 4.5 11H5Zm2.1 0h9.8l-1.1-3.3a1 1 0 0 0-.9-.7H9.1a1 1 0 0 0-.9.7L7.1 11ZM6.5 15a1.3 1.3 0 1 0 0-2.6 1.3 1.3 0 0 0 0 2.6Zm11 0a1.3 1.3 0 1 0 0-2.6 1.3 1.3 0 0 0 0 2.6Z',
  phone: 'M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm0 3v12h8V5H8Zm4 13.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Z',
  address: 'M12 3 2.5 11H5v9h5v-6h4v6h5v-9h2.5L12 3Z',
  business: 'M3 9 4.5 4h15L21 9v1a2.5 2.5 0 0 1-2 2.45V20H5v-7.55A2.5 2.5 0 0 1 3 10V9Zm4 4v5h4v-5H7Zm6 0v5h4v-5h-4Z',
  hotspot: 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 4a3 3 0 1 1 0 6 3 3 0 0 1 0-6Z',
};

export function KindIcon({ kind, size = 18, title }: { kind: EntityKind; size?: number; title?: string }) {
  return (
    <svg
      className={`kind-icon kind-${kind}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      aria-label={title}
      focusable="false"
    >
      <path d={KIND_ICON_PATH[kind]} fill="currentColor" />
    </svg>
  );
}
