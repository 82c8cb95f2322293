/**
 * Nidaa's Amazon Connect flows, written with the helpers in dsl.ts and generated into contact-flows/*.json
 * (`npm run flows`). Prompts are never written here: the language blocks copy the chosen language's texts
 * from functions/core/hotline/prompts.ts into `p_` attributes, and every other block speaks those
 * attributes or the hotline Lambda's answer (docs/decisions/0020).
 */

import { SCREEN_POP_ATTRIBUTES as POP } from '../../functions/core/contact/screen-pop.ts';
import { PROMPTS, type PromptKey, promptAttribute } from '../../functions/core/hotline/prompts.ts';
import { DEFAULT_CONTACT_LENS_LANGUAGES, RECORDING_BLOCKS, recordingWithAnalytics } from '../contact-lens.ts';
import {
  callback,
  checkHours,
  collect,
  compare,
  disconnect,
  endFlow,
  eventHook,
  type Flow,
  flow,
  invoke,
  LANGUAGE,
  logging,
  loop,
  menu,
  placeholder,
  queueMetrics,
  recording,
  say,
  setAttributes,
  setQueue,
  transferToFlow,
  transferToQueue,
  voice,
  withIvrPath,
} from './dsl.ts';

/** `$.Attributes.p_<key>`: a prompt in the caller's language. */
const p = (key: PromptKey) => `$.Attributes.${promptAttribute(key)}`;
const attr = (name: string) => `$.Attributes.${name}`;

/** Every prompt in one language, as the attributes the language block sets. */
const promptsIn = (language: 'ar' | 'en') =>
  Object.fromEntries(
    (Object.keys(PROMPTS) as PromptKey[]).map((key) => [promptAttribute(key), PROMPTS[key][language]]),
  );

/** Voices (research §3): Gulf Arabic neural (Zayd), else standard Arabic (Zeina); English neural (Joanna). */
const arabicVoice = (id: string, next: string) => [
  voice(id, 'Zayd', 'Neural', next, `${id} standard`),
  voice(`${id} standard`, 'Zeina', 'Standard', next, next),
];
const englishVoice = (id: string, next: string) => [voice(id, 'Joanna', 'Neural', next, next)];

/** A retry bounded at three tries in all: the third wrong or silent answer goes to an agent. */
const retry = (id: string, menuId: string) => [
  loop(id, 2, `${id} invalid`, 'Too many tries'),
  say(`${id} invalid`, p('invalid'), menuId),
];

const hotlineInbound = flow(
  'Nidaa hotline and chat: language, status, procedures, complaints, agent',
  withIvrPath([
    logging('Log this flow', 'Identify caller'),
    // Who is calling: open cases for the agent's screen-pop, the greeting with the municipality's name.
    invoke('Identify caller', 'identify', {}, 'Remember caller', 'Default welcome'),
    setAttributes(
      'Remember caller',
      {
        [POP.callerPhone]: '$.External.callerPhone',
        [POP.openCases]: '$.External.openCases',
        [POP.reference]: '$.External.reference',
        nidaaWelcomeAr: '$.External.welcomeAr',
        nidaaWelcomeEn: '$.External.welcomeEn',
      },
      'Which channel',
      'Default welcome',
    ),
    setAttributes(
      'Default welcome',
      { nidaaWelcomeAr: PROMPTS.welcome.ar, nidaaWelcomeEn: PROMPTS.languageChoice.en },
      'Which channel',
    ),
    // Chat: Connect gathers input only from calls (or through an Amazon Lex bot), so a chat goes to an agent
    // in the language the chat widget passes (docs/decisions/0025).
    compare('Which channel', '$.Channel', { CHAT: 'Chat language' }, 'Arabic voice'),
    compare('Chat language', attr(POP.language), { en: 'Set English chat' }, 'Set Arabic chat'),
    setAttributes('Set Arabic chat', { [POP.language]: 'ar', ...promptsIn('ar') }, 'Chat welcome'),
    setAttributes('Set English chat', { [POP.language]: 'en', ...promptsIn('en') }, 'Chat welcome'),
    say('Chat welcome', p('chatWelcome'), 'Agent'),
    ...arabicVoice('Arabic voice', 'Say welcome'),
    say('Say welcome', attr('nidaaWelcomeAr'), 'English voice'),
    ...englishVoice('English voice', 'Language menu'),
    // Arabic unless the caller presses 2: silence, 1 or any other key keeps Arabic.
    menu(
      'Language menu',
      attr('nidaaWelcomeEn'),
      { 1: 'Set Arabic', 2: 'Set English' },
      'Set Arabic',
      'Set Arabic',
      5,
    ),
    setAttributes('Set Arabic', { [POP.language]: 'ar', ...promptsIn('ar') }, 'Arabic voice again'),
    ...arabicVoice('Arabic voice again', 'Main menu'),
    setAttributes('Set English', { [POP.language]: 'en', ...promptsIn('en') }, 'English voice again'),
    ...englishVoice('English voice again', 'Main menu'),

    menu(
      'Main menu',
      p('main'),
      { 1: 'Intent status', 2: 'Intent procedure', 3: 'Intent complaint', 0: 'Intent agent' },
      'Main retry',
      'Apologise',
    ),
    ...retry('Main retry', 'Main menu'),
    say('Too many tries', p('tooManyTries'), 'Agent'),

    // Request status: by reference (read back before the lookup) or every open request of the number.
    setAttributes('Intent status', { [POP.intent]: 'status' }, 'Status menu'),
    menu(
      'Status menu',
      p('statusMenu'),
      { 1: 'Enter reference', 2: 'My cases' },
      'Status retry',
      'Apologise',
    ),
    ...retry('Status retry', 'Status menu'),
    collect('Enter reference', p('enterReference'), 14, 'Check reference', 'Apologise'),
    invoke(
      'Check reference',
      'checkReference',
      { reference: '$.StoredCustomerInput' },
      'Reference valid',
      'Apologise',
    ),
    compare(
      'Reference valid',
      '$.External.valid',
      { true: 'Remember heard reference' },
      'Say invalid reference',
    ),
    say('Say invalid reference', '$.External.message', 'Reference retry'),
    loop('Reference retry', 2, 'Enter reference', 'Too many tries'),
    setAttributes(
      'Remember heard reference',
      { nidaaHeardReference: '$.External.reference', nidaaConfirm: '$.External.message' },
      'Confirm reference',
      'Apologise',
    ),
    menu(
      'Confirm reference',
      attr('nidaaConfirm'),
      { 1: 'Look up status', 2: 'Reference retry' },
      'Reference retry',
      'Apologise',
    ),
    invoke(
      'Look up status',
      'status',
      { reference: attr('nidaaHeardReference') },
      'Status found',
      'Apologise',
    ),
    compare('Status found', '$.External.found', { true: 'Remember case' }, 'Say status'),
    setAttributes('Remember case', { [POP.reference]: '$.External.reference' }, 'Say status'),
    say('Say status', '$.External.message', 'After menu'),
    invoke('My cases', 'myCases', {}, 'Say my cases', 'Apologise'),
    say('Say my cases', '$.External.message', 'After menu'),

    // Service procedures from the knowledge base, with an offer to send the procedure by SMS.
    setAttributes('Intent procedure', { [POP.intent]: 'procedure' }, 'Procedure menu text'),
    invoke('Procedure menu text', 'procedureMenu', {}, 'Remember procedure menu', 'Apologise'),
    setAttributes(
      'Remember procedure menu',
      { nidaaMenu: '$.External.message' },
      'Procedure menu',
      'Apologise',
    ),
    collect('Procedure menu', attr('nidaaMenu'), 1, 'Read procedure', 'Apologise'),
    invoke('Read procedure', 'procedure', { key: '$.StoredCustomerInput' }, 'Procedure found', 'Apologise'),
    compare('Procedure found', '$.External.found', { true: 'Remember procedure' }, 'Procedure retry'),
    ...retry('Procedure retry', 'Procedure menu'),
    setAttributes('Remember procedure', { nidaaProcedure: '$.External.code' }, 'Say procedure', 'Apologise'),
    say('Say procedure', '$.External.message', 'Offer SMS'),
    menu('Offer SMS', p('offerSms'), { 1: 'Send procedure', 2: 'After menu' }, 'After menu', 'After menu'),
    invoke(
      'Send procedure',
      'sendProcedure',
      { code: attr('nidaaProcedure') },
      'Say procedure sent',
      'Apologise',
    ),
    say('Say procedure sent', '$.External.message', 'After menu'),

    // A new complaint or report: the caller picks a category; intake files it with the caller's number.
    setAttributes('Intent complaint', { [POP.intent]: 'complaint' }, 'Category menu text'),
    invoke('Category menu text', 'categoryMenu', {}, 'Remember category menu', 'Apologise'),
    setAttributes(
      'Remember category menu',
      { nidaaMenu: '$.External.message' },
      'Category menu',
      'Apologise',
    ),
    collect('Category menu', attr('nidaaMenu'), 1, 'File complaint', 'Apologise'),
    invoke(
      'File complaint',
      'complaint',
      { key: '$.StoredCustomerInput' },
      'Complaint filed',
      'Apologise',
      7,
    ),
    compare('Complaint filed', '$.External.created', { true: 'Remember complaint' }, 'Category retry'),
    ...retry('Category retry', 'Category menu'),
    setAttributes('Remember complaint', { [POP.reference]: '$.External.reference' }, 'Say complaint'),
    say('Say complaint', '$.External.message', 'After menu'),

    menu('After menu', p('after'), { 1: 'Main menu', 0: 'Agent', 9: 'Survey' }, 'After retry', 'Survey'),
    loop('After retry', 2, 'After retry invalid', 'Survey'),
    say('After retry invalid', p('invalid'), 'After menu'),
    transferToFlow('Survey', placeholder('flow', 'post-call-survey'), 'Goodbye'),
    say('Goodbye', p('bye'), 'Hang up'),
    disconnect('Hang up'),

    // An agent: tier 1, in hours; the queue flow tells position and wait; after hours, a call back.
    setAttributes('Intent agent', { [POP.intent]: 'menu' }, 'Agent'),
    setQueue('Agent', placeholder('queue', 't1'), 'Check hours', 'Agent unavailable'),
    checkHours('Check hours', placeholder('hours', 'main'), 'Queue hook', 'Closed channel', 'Queue hook'),
    eventHook('Queue hook', 'CustomerQueue', placeholder('flow', 'customer-queue'), 'Disconnect hook'),
    eventHook(
      'Disconnect hook',
      'CustomerRemaining',
      placeholder('flow', 'post-call-survey'),
      'Say transferring',
    ),
    say('Say transferring', p('transferring'), 'Recording language'),
    // Recorded, and analysed by Contact Lens after the call, in the caller's language (the stage may turn
    // both off: contact-flows/contact-lens.ts). The block takes the language statically: one per language.
    compare('Recording language', LANGUAGE, { en: RECORDING_BLOCKS.en }, RECORDING_BLOCKS.ar),
    recording(RECORDING_BLOCKS.ar, recordingWithAnalytics(DEFAULT_CONTACT_LENS_LANGUAGES.ar), 'Transfer'),
    recording(RECORDING_BLOCKS.en, recordingWithAnalytics(DEFAULT_CONTACT_LENS_LANGUAGES.en), 'Transfer'),
    transferToQueue('Transfer', 'Hang up', 'Queue full', 'Agent unavailable'),
    say('Queue full', p('queueFull'), 'Closed channel'),
    say('Agent unavailable', p('error'), 'Closed channel'),
    compare('Closed channel', '$.Channel', { CHAT: 'Closed chat' }, 'Closed menu'),
    say('Closed chat', p('closedChat'), 'Hang up'),
    menu('Closed menu', p('closed'), { 1: 'Callback queue', 2: 'Main menu' }, 'Closed retry', 'Goodbye'),
    loop('Closed retry', 2, 'Closed retry invalid', 'Goodbye'),
    say('Closed retry invalid', p('invalid'), 'Closed menu'),
    setQueue('Callback queue', placeholder('queue', 'callback'), 'Book callback', 'Callback failed'),
    callback('Book callback', placeholder('queue', 'callback'), 'Callback booked', 'Callback failed'),
    say('Callback booked', p('callbackOk'), 'Hang up'),
    say('Callback failed', p('callbackFailed'), 'Goodbye'),

    // Any failure: an apology, then a person (never silence).
    say('Apologise', p('error'), 'Agent'),
  ]),
);

const customerQueue = flow(
  'Nidaa customer queue: position, expected wait, call back when the wait is long',
  withIvrPath([
    loop('Queue round', 10, 'Queue metrics', 'Queue end'),
    queueMetrics('Queue metrics', 'Queue status', 'Still waiting'),
    invoke(
      'Queue status',
      'queueStatus',
      { position: '$.Metrics.Contact.PositionInQueue', waitSeconds: '$.Metrics.Contact.EstimatedWaitTime' },
      'Say queue status',
      'Still waiting',
      3,
    ),
    say('Say queue status', '$.External.message', 'Callback by phone'),
    // A call back rings a phone: offered to callers, never in a chat.
    compare('Callback by phone', '$.Channel', { VOICE: 'Callback worth it' }, 'Still waiting'),
    compare('Callback worth it', '$.External.offerCallback', { true: 'Offer callback' }, 'Still waiting'),
    menu('Offer callback', p('offerCallback'), { 1: 'Book callback', 2: 'Still waiting' }, 'Still waiting'),
    callback('Book callback', placeholder('queue', 'callback'), 'Callback booked', 'Still waiting'),
    say('Callback booked', p('callbackOk'), 'Hang up'),
    disconnect('Hang up'),
    say('Still waiting', p('stillWaiting'), 'Queue round'),
    endFlow('Queue end'),
  ]),
);

const postCallSurvey = flow(
  'Nidaa post-call survey: a rating 1–5 stored on the case',
  withIvrPath([
    // Keys are pressed on calls only; a chat ends when the agent leaves.
    compare('Survey channel', '$.Channel', { VOICE: 'Survey question' }, 'Hang up'),
    collect('Survey question', p('survey'), 1, 'Store rating', 'Goodbye', 8),
    invoke(
      'Store rating',
      'survey',
      { rating: '$.StoredCustomerInput', reference: attr(POP.reference) },
      'Rating valid',
      'Goodbye',
    ),
    compare('Rating valid', '$.External.valid', { true: 'Say thanks' }, 'Survey retry'),
    loop('Survey retry', 1, 'Survey retry invalid', 'Goodbye'),
    say('Survey retry invalid', p('invalid'), 'Survey question'),
    say('Say thanks', '$.External.message', 'Hang up'),
    say('Goodbye', p('bye'), 'Hang up'),
    disconnect('Hang up'),
  ]),
);

/** Tier tasks (functions/adapters/connect/connect-tasks.ts): into the queue the task names, else tier 1. */
const tierTask = flow('Nidaa tier task: into the queue named by the task, tier 1 if that fails', [
  setQueue('Set task queue', attr('queueId'), 'Transfer task', 'Set tier 1 queue'),
  transferToQueue('Transfer task', 'End task', 'Set tier 1 queue', 'Set tier 1 queue'),
  setQueue('Set tier 1 queue', placeholder('queue', 't1'), 'Transfer to tier 1', 'End task'),
  transferToQueue('Transfer to tier 1', 'End task', 'End task', 'End task'),
  disconnect('End task'),
]);

/** The generated flows by catalogue name (contact-flows/catalog.ts). */
export const FLOW_SOURCES: Record<string, Flow> = {
  'hotline-inbound': hotlineInbound,
  'customer-queue': customerQueue,
  'post-call-survey': postCallSurvey,
  'tier-task': tierTask,
};

export { LANGUAGE };
