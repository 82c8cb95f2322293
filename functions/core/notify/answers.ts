import type { Channel, Language } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import type { Bilingual } from '../errors.ts';
import type { Answer } from '../intake/receive-inbound.ts';
import { type Rendered, render, type TemplateName } from './templates.ts';

const TEMPLATE_FOR: Record<Answer['kind'], TemplateName> = {
  status: 'status',
  not_found: 'notFound',
  help: 'help',
  limited: 'tooManyLookups',
  rated: 'ratingThanks',
};

/** Renders intake's immediate answer (status, not found, help) for the channel the question came on. */
export function renderAnswer(
  answer: Answer,
  ctx: {
    municipality: Bilingual;
    referencePrefix: string;
    catalogue: Pick<Catalogue, 'departments'>;
    /** The case's tracking link: only the case's own citizen's answer carries it (docs/decisions/0085). */
    trackingLinkFor?(reference: string): string | undefined;
  },
  language: Language,
  channel: Channel,
): Rendered {
  const departmentName =
    answer.kind === 'status'
      ? ctx.catalogue.departments.find((d) => d.code === answer.case.departmentCode)?.name
      : undefined;
  const trackingLink =
    answer.kind === 'status' && answer.own ? ctx.trackingLinkFor?.(answer.case.reference) : undefined;
  return render(
    TEMPLATE_FOR[answer.kind],
    {
      municipality: ctx.municipality,
      referencePrefix: ctx.referencePrefix,
      ...(answer.kind === 'status' ? { case: answer.case } : {}),
      ...(departmentName ? { departmentName } : {}),
      ...(trackingLink ? { trackingLink } : {}),
    },
    language,
    channel,
  );
}
