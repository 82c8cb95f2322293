import { draftCase } from '#core/case/open-case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { trainClassifier } from '#core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '#core/classify/training-examples.ts';
import { caseIntakeInput } from '#shared/schemas.ts';
import { taskHandler } from '#shared/task.ts';

// Trained once per container from data bundled with the function: deterministic and explainable. The
// catalogue comes straight from its module: this step touches no AWS service at all.
let model: ReturnType<typeof trainClassifier> | undefined;

export const handler = taskHandler(caseIntakeInput, async ({ inbound }) => {
  model ??= trainClassifier(TRAINING_EXAMPLES, SEED_CATALOGUE);
  return draftCase(inbound, model, SEED_CATALOGUE);
});
