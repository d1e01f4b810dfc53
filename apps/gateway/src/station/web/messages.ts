import type { MissingForCredit } from '../bench-device';
import type { ScanProblem } from '../scan-explanation';

/** The page's words, English and French, chosen from the browser's language. */
export type Language = 'en' | 'fr';

export function pickLanguage(languages: readonly string[]): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

const EN = {
  title: 'Scan station',
  signInTitle: 'Sign in with your workshop key',
  keyLabel: 'Workshop key',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (workshop: string) => `Workshop ${workshop}`,
  badKey: 'This key was refused',
  sessionExpired: 'Your session has expired: sign in again. Steps waiting to be sent are kept.',
  signedOut: 'Signed out.',
  scanLabel: 'Scan or type a device id, then Enter',
  scanHelp: 'Esc: new scan · 1–4: choose · Enter: confirm · L: label',
  checkDigit: (expected: number) => `The last digit should be ${expected}: check the IMEI.`,
  imeiLength: (digits: number) => `An IMEI has 15 digits; this one has ${digits}: check the IMEI.`,
  placeholder: 'All zeros is not an IMEI: read it from the device or its box.',
  format: 'Not a device id: scan an IMEI or type serial:<brand>:<serial>.',
  empty: 'Nothing was scanned.',
  category: 'Category',
  unknownCategory: 'unknown (no collection recorded)',
  cycleState: 'Current cycle',
  noCycle: 'no event recorded yet',
  missing: 'Still needed for a credit',
  nothingMissing: 'nothing: this cycle earns a credit',
  timeline: 'Timeline',
  noEvents: 'No event yet.',
  stepsTitle: 'Record a step',
  noSteps: 'Nothing more can be recorded for this device.',
  cancel: 'Esc: cancel',
  confirm: 'Enter: send',
  confirmTitle: 'Send this step?',
  accepted: (type: string) => `Recorded: ${type}.`,
  rejected: (code: string, message: string) => `Refused (${code}): ${message}`,
  queued: 'The server cannot be reached: the step is kept here and will be sent when it is back.',
  queueTitle: (count: number) => `Waiting to be sent (${count})`,
  label: 'Print label',
  camera: 'Camera',
  deviceUnavailable: 'The device cannot be read right now; steps can still be recorded.',
  questions: {
    outcome: 'Diagnosis outcome',
    transport: 'How did it arrive?',
    distance: 'Distance travelled (km), then Enter',
    parts: 'Parts replaced (numbers to choose, Enter when done)',
    grade: 'Grade',
    certificate: 'Erasure certificate id (scan or type), then Enter',
  },
  choices: {
    refurbishable: 'Refurbishable',
    recycle: 'To recycle',
    none: 'No transport leg',
    road: 'Road',
    rail: 'Rail',
    sea: 'Sea',
    air: 'Air',
  } as Record<string, string>,
  steps: {
    'device.collected': 'Collected',
    'device.diagnosed': 'Diagnosed',
    'device.repaired': 'Repaired',
    'device.refurbished': 'Refurbished',
    'device.recycled': 'Recycled',
    'device.resold': 'Resold',
    'device.returned': 'Returned',
  } as Record<string, string>,
  parts: {
    battery: 'Battery',
    screen: 'Screen',
    housing: 'Housing',
    camera: 'Camera',
    port: 'Port',
    keyboard: 'Keyboard',
    storage: 'Storage',
    other: 'Other',
  } as Record<string, string>,
  missingForCredit: {
    NO_COLLECTION: 'no collection recorded',
    NO_REFURBISHMENT: 'a refurbishment with its erasure certificate id',
    NO_RESALE: 'a resale',
    RECYCLED: 'never: the device was recycled',
    PART_NOT_IN_CATEGORY: 'a repair names a part this category does not have',
  } as Record<MissingForCredit, string>,
  states: {
    collected: 'collected',
    'in-workshop': 'in the workshop',
    refurbished: 'refurbished',
    'pending-evidence': 'waiting for evidence',
    eligible: 'credited',
    recycled: 'recycled',
    blocked: 'blocked',
  } as Record<string, string>,
};

export type Messages = typeof EN;

const FR: Messages = {
  title: 'Poste de scan',
  signInTitle: 'Connectez-vous avec la clé de l’atelier',
  keyLabel: 'Clé de l’atelier',
  signIn: 'Se connecter',
  signOut: 'Se déconnecter',
  signedInAs: (workshop) => `Atelier ${workshop}`,
  badKey: 'Cette clé a été refusée',
  sessionExpired: 'Votre session a expiré : reconnectez-vous. Les étapes en attente sont conservées.',
  signedOut: 'Déconnecté.',
  scanLabel: 'Scannez ou saisissez un identifiant, puis Entrée',
  scanHelp: 'Échap : nouveau scan · 1–4 : choisir · Entrée : valider · L : étiquette',
  checkDigit: (expected) => `Le dernier chiffre devrait être ${expected} : vérifiez l’IMEI.`,
  imeiLength: (digits) => `Un IMEI a 15 chiffres ; celui-ci en a ${digits} : vérifiez l’IMEI.`,
  placeholder: 'Que des zéros n’est pas un IMEI : lisez-le sur l’appareil ou sa boîte.',
  format: 'Ce n’est pas un identifiant : scannez un IMEI ou saisissez serial:<marque>:<série>.',
  empty: 'Rien n’a été scanné.',
  category: 'Catégorie',
  unknownCategory: 'inconnue (aucune collecte enregistrée)',
  cycleState: 'Cycle en cours',
  noCycle: 'aucun événement enregistré',
  missing: 'Manque pour un crédit',
  nothingMissing: 'rien : ce cycle obtient un crédit',
  timeline: 'Historique',
  noEvents: 'Aucun événement.',
  stepsTitle: 'Enregistrer une étape',
  noSteps: 'Plus rien ne peut être enregistré pour cet appareil.',
  cancel: 'Échap : annuler',
  confirm: 'Entrée : envoyer',
  confirmTitle: 'Envoyer cette étape ?',
  accepted: (type) => `Enregistré : ${type}.`,
  rejected: (code, message) => `Refusé (${code}) : ${message}`,
  queued: 'Le serveur est injoignable : l’étape est gardée ici et sera envoyée à son retour.',
  queueTitle: (count) => `En attente d’envoi (${count})`,
  label: 'Imprimer l’étiquette',
  camera: 'Caméra',
  deviceUnavailable: 'L’appareil ne peut pas être lu pour l’instant ; les étapes restent possibles.',
  questions: {
    outcome: 'Résultat du diagnostic',
    transport: 'Comment est-il arrivé ?',
    distance: 'Distance parcourue (km), puis Entrée',
    parts: 'Pièces remplacées (chiffres pour choisir, Entrée pour finir)',
    grade: 'Grade',
    certificate: 'Identifiant du certificat d’effacement (scan ou saisie), puis Entrée',
  },
  choices: {
    refurbishable: 'Reconditionnable',
    recycle: 'À recycler',
    none: 'Pas de transport',
    road: 'Route',
    rail: 'Rail',
    sea: 'Mer',
    air: 'Air',
  },
  steps: {
    'device.collected': 'Collecté',
    'device.diagnosed': 'Diagnostiqué',
    'device.repaired': 'Réparé',
    'device.refurbished': 'Reconditionné',
    'device.recycled': 'Recyclé',
    'device.resold': 'Revendu',
    'device.returned': 'Retourné',
  },
  parts: {
    battery: 'Batterie',
    screen: 'Écran',
    housing: 'Coque',
    camera: 'Caméra',
    port: 'Connecteur',
    keyboard: 'Clavier',
    storage: 'Stockage',
    other: 'Autre',
  },
  missingForCredit: {
    NO_COLLECTION: 'aucune collecte enregistrée',
    NO_REFURBISHMENT: 'un reconditionnement avec son certificat d’effacement',
    NO_RESALE: 'une revente',
    RECYCLED: 'jamais : l’appareil a été recyclé',
    PART_NOT_IN_CATEGORY: 'une réparation cite une pièce absente de cette catégorie',
  },
  states: {
    collected: 'collecté',
    'in-workshop': 'en atelier',
    refurbished: 'reconditionné',
    'pending-evidence': 'en attente de preuves',
    eligible: 'crédité',
    recycled: 'recyclé',
    blocked: 'bloqué',
  },
};

export function messagesFor(language: Language): Messages {
  return language === 'fr' ? FR : EN;
}

/** A refused scan, in words. */
export function scanProblemText(messages: Messages, problem: ScanProblem): string {
  switch (problem.kind) {
    case 'empty':
      return messages.empty;
    case 'imei-check-digit':
      return messages.checkDigit(problem.expected);
    case 'imei-length':
      return messages.imeiLength(problem.digits);
    case 'imei-placeholder':
      return messages.placeholder;
    case 'format':
      return messages.format;
  }
}
