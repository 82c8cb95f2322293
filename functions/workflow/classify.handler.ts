import { draftCase } from '#core/case/open-case.ts';
import { trainClassifier } from '#core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '#core/classify/training-examples.ts';
import { container } from '#shared/container.ts';
import { caseIntakeInput } from '#shared/schemas.ts';
import { taskHandler } from '#shared/task.ts';

// Trained once per container from data bundled with the function: deterministic and explainable.
let model: ReturnType<typeof trainClassifier> | undefined;

export const handler = taskHandler(caseIntakeInput, async ({ inbound }) => {
  const { catalogue } = container();
  model ??= trainClassifier(TRAINING_EXAMPLES, catalogue);
  return draftCase(inbound, model, catalogue);
});
