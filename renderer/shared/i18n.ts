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
  inspectorClose: 'Close',
  inspectorHidden: 'Neuron {number} of {count} · hidden layer {layer}',
  inspectorOutput: 'Output neuron for the digit {digit}',
  inspectorPixel: 'Input pixel · row {row}, column {column}',
  inspectorValue: 'Activation',
  inspectorScore: 'Score',
  inspectorProbability: '{percent}% likely',
  inspectorPixelNote: 'How bright this pixel is, from 0 (dark) to 1 (bright): one of the {count} numbers the network starts from.',
  inspectorWeights: 'Its weights',
  inspectorLegend: 'warm: excites · cool: inhibits',
  inspectorNow: 'Right now',
  inspectorNowLegend: 'weight × input',
  inspectorUp: 'Pushes up',
  inspectorDown: 'Holds back',
  inspectorFormula: 'What it computes',
  inspectorMore: '+{count} more',
  inspectorPixelName: 'pixel {row},{column}',
  inspectorNeuronName: 'neuron {number}',
  contextLost: 'The 3D picture is resting for a moment.',
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
  inspectorClose: 'Schließen',
  inspectorHidden: 'Neuron {number} von {count} · verborgene Schicht {layer}',
  inspectorOutput: 'Ausgabeneuron für die Ziffer {digit}',
  inspectorPixel: 'Eingabepixel · Zeile {row}, Spalte {column}',
  inspectorValue: 'Aktivierung',
  inspectorScore: 'Wert',
  inspectorProbability: '{percent} % wahrscheinlich',
  inspectorPixelNote: 'Wie hell dieses Pixel ist, von 0 (dunkel) bis 1 (hell): eine der {count} Zahlen, mit denen das Netz beginnt.',
  inspectorWeights: 'Seine Gewichte',
  inspectorLegend: 'warm: regt an · kühl: hemmt',
  inspectorNow: 'Gerade jetzt',
  inspectorNowLegend: 'Gewicht × Eingang',
  inspectorUp: 'Treibt an',
  inspectorDown: 'Bremst',
  inspectorFormula: 'Was es rechnet',
  inspectorMore: '+{count} weitere',
  inspectorPixelName: 'Pixel {row},{column}',
  inspectorNeuronName: 'Neuron {number}',
  contextLost: 'Das 3D-Bild ruht einen Moment.',
};

const STRINGS: Record<Language, Record<StringKey, string>> = { en: EN, de: DE };

/** 'de', 'de-AT', 'de_CH' -> de; everything else -> en. */
export function languageOf(tag: string | null | undefined): Language {
  return /^de\b|^de[-_]/i.test(tag ?? '') ? 'de' : 'en';
}

export function translate(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  return (STRINGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
