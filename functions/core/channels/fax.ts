/**
 * Faxes that reach the municipality through a fax-to-email gateway (docs/decisions/0047): mail from one
 * of the configured gateway domains carrying a PDF or TIFF is a fax, its sender is the fax number the
 * gateway names (subject, sender address or body), and it becomes a case on channel `fax`.
 */
import { normalizePhone } from '../contact/phone.ts';
import type { Identity } from '../intake/inbound.ts';
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';

export type FaxSettings = {
  /** Domains the gateway sends from (`fax.gateway.example.om`); subdomains count. */
  gatewayDomains: readonly string[];
  /** The gateway's e-mail-to-fax address, `{number}` standing for the number's digits. */
  sendTo: string;
};

/** Whether a sender address belongs to one of the gateway's domains. */
export function isFaxGateway(address: string, settings: FaxSettings | undefined): boolean {
  if (!settings || !address.includes('@')) return false;
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return settings.gatewayDomains.some(
    (d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`),
  );
}

/** A run of digits people or gateways write a phone number with: `+968 24 123456`, `0096824123456`, `24-123456`. */
const NUMBER_RUN = /(?:\+|00)?\d[\d .-]{6,18}\d/g;

/**
 * The sender's fax number in E.164: the first valid number in the subject ("Fax from +968 24 123456"),
 * the sender's local part (`96824123456@fax…`), or the body. Arabic-Indic digits are read too.
 */
export function faxSenderNumber(parts: { subject: string; from: string; text: string }): string | undefined {
  const local = parts.from.slice(0, parts.from.lastIndexOf('@'));
  for (const source of [parts.subject, local, parts.text.slice(0, 2000)]) {
    const text = toLatinDigits(stripBidiMarks(source));
    for (const match of text.matchAll(NUMBER_RUN)) {
      const candidate = match[0].trim();
      const digits = candidate.replace(/\D/g, '');
      // Without + or 00, an 11-digit 968… number is international written without the plus.
      const parsed = normalizePhone(
        /^(?:\+|00)/.test(candidate) || !(digits.length === 11 && digits.startsWith('968'))
          ? candidate
          : `+${digits}`,
      );
      if (parsed.ok) return parsed.e164;
    }
  }
  return undefined;
}

/**
 * Who sent the fax: their fax number, or — when the gateway named none — an identity of this fax alone,
 * so unrelated anonymous faxes never become one citizen's follow-ups.
 */
export function faxSender(number: string | undefined, messageId: string): Identity {
  return number ? { kind: 'phone', value: number } : { kind: 'device', value: `fax-unknown-${messageId}` };
}
