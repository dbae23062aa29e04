import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';

/**
 * Visitor-facing strings of the pen page and the display, in
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
  // The display (renderer/display): every visitor-facing word on the wall.
  displayTitle: 'Inside a neural network',
  displaySubtitle: 'Draw a digit and watch {neurons} neurons decide what it is.',
  previewCaption: 'What the network sees',
  guessWaiting: 'Waiting for a drawing',
  statusConnecting: 'One moment, the exhibit is starting.',
  statusReconnecting: 'One moment, the exhibit is reconnecting.',
  statusRefused: 'This screen is not connected to the exhibit. Please tell a member of staff.',
  no3d: 'The 3D picture is resting for a moment. Draw a digit: the network still answers.',
  modelAccuracy: 'test accuracy {percent}%',
  modelInference: 'inference: {backend}',
  languageLabel: 'Language',
  attractCta: 'Draw a digit on the tablet!',
  attractCtaSub: 'The network will guess which one it is.',
  attractDigit: 'A real handwritten {label}, from the 10,000 test digits the network never trained on',
  attractTimeline: 'Watch it learn: from random weights to trained',
  attractCamera: 'Every line is a connection: 109,184 of them',
  learnMore: 'Learn more',
  learnTitle: 'How does the network read your digit?',
  learnNeuronTitle: 'Neurons',
  learnNeuron: 'Each glowing dot is a neuron: a tiny calculator. It adds up the signals coming in, and if the sum is big enough it lights up and passes a signal on.',
  learnWeightsTitle: 'Weights',
  learnWeights: 'Each line is a connection with a weight: a number that says how much one neuron listens to another, and whether it is encouraged or held back.',
  learnTrainingTitle: 'Learning',
  learnTraining: 'At first the weights were random and the network guessed. Then it was shown 60,000 handwritten digits, again and again. After each mistake every weight was nudged a little, until it got about 98 of 100 new digits right.',
  learnColoursTitle: 'Colours',
  learnColours: 'Orange lines carry a signal that pushes the next neuron on; blue lines hold it back. The brighter the line, the stronger its push.',
  learnClose: 'Tap anywhere to close',
  errorFallback: 'A small hiccup. The exhibit carries on; draw a digit.',
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
  displayTitle: 'Blick in ein neuronales Netz',
  displaySubtitle: 'Zeichne eine Ziffer und sieh zu, wie {neurons} Neuronen entscheiden, welche es ist.',
  previewCaption: 'Was das Netz sieht',
  guessWaiting: 'Wartet auf eine Zeichnung',
  statusConnecting: 'Einen Moment, die Station startet.',
  statusReconnecting: 'Einen Moment, die Station verbindet sich neu.',
  statusRefused: 'Dieser Bildschirm ist nicht mit der Station verbunden. Bitte sag dem Personal Bescheid.',
  no3d: 'Das 3D-Bild macht kurz Pause. Zeichne eine Ziffer: Das Netz antwortet trotzdem.',
  modelAccuracy: 'Testgenauigkeit {percent} %',
  modelInference: 'Berechnung: {backend}',
  languageLabel: 'Sprache',
  attractCta: 'Zeichne eine Ziffer auf dem Tablet!',
  attractCtaSub: 'Das Netz rät, welche es ist.',
  attractDigit: 'Eine echte handgeschriebene {label} aus den 10.000 Testziffern, die das Netz nie beim Lernen gesehen hat',
  attractTimeline: 'Sieh zu, wie es lernt: von Zufallsgewichten bis fertig trainiert',
  attractCamera: 'Jede Linie ist eine Verbindung: 109.184 Stück',
  learnMore: 'Mehr erfahren',
  learnTitle: 'Wie liest das Netz deine Ziffer?',
  learnNeuronTitle: 'Neuronen',
  learnNeuron: 'Jeder leuchtende Punkt ist ein Neuron: ein winziger Rechner. Es zählt die ankommenden Signale zusammen, und ist die Summe groß genug, leuchtet es auf und gibt ein Signal weiter.',
  learnWeightsTitle: 'Gewichte',
  learnWeights: 'Jede Linie ist eine Verbindung mit einem Gewicht: einer Zahl, die sagt, wie sehr ein Neuron auf ein anderes hört – und ob es angefeuert oder gebremst wird.',
  learnTrainingTitle: 'Lernen',
  learnTraining: 'Am Anfang waren die Gewichte zufällig und das Netz hat geraten. Dann hat es 60.000 handgeschriebene Ziffern gesehen, immer wieder. Nach jedem Fehler wurde jedes Gewicht ein kleines bisschen verstellt, bis es etwa 98 von 100 neuen Ziffern richtig erkannte.',
  learnColoursTitle: 'Farben',
  learnColours: 'Orange Linien tragen ein Signal, das das nächste Neuron anfeuert; blaue Linien bremsen es. Je heller die Linie, desto stärker ihr Einfluss.',
  learnClose: 'Tippe irgendwo, um zu schließen',
  errorFallback: 'Ein kleiner Schluckauf. Die Station macht weiter – zeichne eine Ziffer.',
};

const STRINGS: Record<Language, Record<StringKey, string>> = { en: EN, de: DE };

/** 'de', 'de-AT', 'de_CH' -> de; everything else -> en. */
export function languageOf(tag: string | null | undefined): Language {
  return /^de\b|^de[-_]/i.test(tag ?? '') ? 'de' : 'en';
}

export function translate(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  return (STRINGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Every key, for tests that check a page shows no English once it speaks German. */
export const ENGLISH: Readonly<Record<StringKey, string>> = EN;
