import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';

/**
 * Visitor-facing strings of the pen page and the display's pairing panel, in
 * the exhibit's languages. The exhibit's setting wins (the hub says it in
 * pen-welcome); before that the browser's language is the best guess.
 */
export type Language = ExhibitLanguage;

const EN = {
  title: 'Draw a digit',
  hint: 'Draw a digit from 0 to 9',
  undo: 'Undo',
  clear: 'Clear',
  guessNone: 'Draw a digit',
  guessIs: 'The network thinks: {digit}',
  confidence: '{percent}% sure',
  // Display: the answer, the colour legend and the emphasis control.
  guessWaiting: 'Waiting for a drawing',
  guessUnsure: 'Not sure — maybe {first} or {second}',
  legendTitle: 'The lines',
  legendWarm: 'warm: pushes the next neuron on',
  legendCool: 'cool: holds it back',
  legendStrength: 'brighter and wider: stronger',
  emphasisLabel: 'Highlight',
  emphasisAll: 'All',
  emphasisBalanced: 'Strong',
  emphasisStrongest: 'Strongest',
  connecting: 'Connecting…',
  paired: 'Connected',
  reconnecting: 'Reconnecting…',
  notPaired: 'Not paired',
  turnYours: 'Your turn',
  turnWait: 'Someone else is drawing — your turn in {seconds} s',
  pinTitle: 'Enter the 6-digit code shown on the exhibit screen',
  pinWrong: 'That code did not work. Please try again.',
  pinExpired: 'This link has expired. Enter the code shown on the screen.',
  pinRevoked: 'This tablet is no longer paired. Enter the code shown on the screen.',
  pinLocked: 'Too many tries. Please wait {seconds} s.',
  pinDelete: 'Delete',
  pinOk: 'Pair',
  pairingLine: 'Draw on the tablet — or scan to use your own',
  pairingPin: 'Code',
  padTurnWait: 'Someone is drawing on a tablet — your turn in {seconds} s',
  timelineOpen: 'Watch it learn',
  timelineTitle: 'How the network learned',
  timelineStart: 'random weights',
  timelineEnd: '{passes} passes',
  timelineRandom: 'Random weights: nothing learned yet',
  timelineImages: 'after {images} images',
  timelinePasses: 'after {passes} × all {total} images',
  timelineAccuracy: '{percent}% of test digits right',
  timelinePlay: 'Play',
  timelinePause: 'Pause',
  timelineBack: 'Back',
  timelineLoading: 'Loading the training history…',
  timelineDraw: 'Draw a digit and slide through its training',
} as const;

export type StringKey = keyof typeof EN;

const DE: Record<StringKey, string> = {
  title: 'Zeichne eine Ziffer',
  hint: 'Zeichne eine Ziffer von 0 bis 9',
  undo: 'Zurück',
  clear: 'Löschen',
  guessNone: 'Zeichne eine Ziffer',
  guessIs: 'Das Netz meint: {digit}',
  confidence: '{percent} % sicher',
  guessWaiting: 'Warte auf eine Zeichnung',
  guessUnsure: 'Nicht sicher – vielleicht {first} oder {second}',
  legendTitle: 'Die Linien',
  legendWarm: 'warm: treibt das nächste Neuron an',
  legendCool: 'kühl: bremst es',
  legendStrength: 'heller und breiter: stärker',
  emphasisLabel: 'Hervorheben',
  emphasisAll: 'Alle',
  emphasisBalanced: 'Starke',
  emphasisStrongest: 'Stärkste',
  connecting: 'Verbinde …',
  paired: 'Verbunden',
  reconnecting: 'Verbindung wird wiederhergestellt …',
  notPaired: 'Nicht gekoppelt',
  turnYours: 'Du bist dran',
  turnWait: 'Jemand anderes zeichnet – du bist in {seconds} s dran',
  pinTitle: 'Gib den 6-stelligen Code vom Bildschirm der Station ein',
  pinWrong: 'Dieser Code hat nicht funktioniert. Bitte versuche es noch einmal.',
  pinExpired: 'Dieser Link ist abgelaufen. Gib den Code vom Bildschirm ein.',
  pinRevoked: 'Dieses Tablet ist nicht mehr gekoppelt. Gib den Code vom Bildschirm ein.',
  pinLocked: 'Zu viele Versuche. Bitte warte {seconds} s.',
  pinDelete: 'Löschen',
  pinOk: 'Koppeln',
  pairingLine: 'Zeichne auf dem Tablet – oder scanne, um dein eigenes zu nutzen',
  pairingPin: 'Code',
  padTurnWait: 'Jemand zeichnet auf einem Tablet – du bist in {seconds} s dran',
  timelineOpen: 'Sieh zu, wie es lernt',
  timelineTitle: 'Wie das Netz gelernt hat',
  timelineStart: 'zufällige Gewichte',
  timelineEnd: '{passes} Durchgänge',
  timelineRandom: 'Zufällige Gewichte: noch nichts gelernt',
  timelineImages: 'nach {images} Bildern',
  timelinePasses: 'nach {passes} × allen {total} Bildern',
  timelineAccuracy: '{percent} % der Testziffern richtig',
  timelinePlay: 'Abspielen',
  timelinePause: 'Pause',
  timelineBack: 'Zurück',
  timelineLoading: 'Lade den Trainingsverlauf …',
  timelineDraw: 'Zeichne eine Ziffer und fahre durch ihr Training',
};

const STRINGS: Record<Language, Record<StringKey, string>> = { en: EN, de: DE };

/** 'de', 'de-AT', 'de_CH' -> de; everything else -> en. */
export function languageOf(tag: string | null | undefined): Language {
  return /^de\b|^de[-_]/i.test(tag ?? '') ? 'de' : 'en';
}

export function translate(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  return (STRINGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
