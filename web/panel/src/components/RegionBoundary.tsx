import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Said in both languages: the failure may be in what would have told us the user's language. */
export const REGION_FAILED = {
  ar: 'تعذر عرض هذا الجزء. بقية الشاشة تعمل؛ أعد التحميل أو أبلغ الدعم الفني.',
  en: 'This part could not be shown. The rest of the screen works; reload, or tell technical support.',
};

type Props = {
  /** Names the region in logs and tests (`data-region`). */
  region: string;
  children: ReactNode;
  /** Inline regions (a table cell, one timeline entry) show the message as a span. */
  inline?: boolean;
};

/**
 * Keeps one region's failure in that region: a value the panel cannot draw (a malformed event, an
 * unexpected field) replaces that region with a bilingual message, and the rest of the screen stays.
 * React still reports the error (console.error), so tests and monitoring see it.
 */
export class RegionBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`panel region "${this.props.region}" failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const Tag = this.props.inline ? 'span' : 'div';
    return (
      <Tag role="alert" className="region-failed" data-region-failed={this.props.region}>
        <span lang="ar" dir="rtl">
          {REGION_FAILED.ar}
        </span>{' '}
        <span lang="en" dir="ltr">
          {REGION_FAILED.en}
        </span>
      </Tag>
    );
  }
}
