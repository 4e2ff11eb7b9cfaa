// Word lists the message classifier matches against (English, German, French).
// Entries are written naturally (accents, apostrophes); the matcher folds them the same way it folds messages.
// A leading "=" means "exact only": short or ambiguous words that fuzzy matching would confuse with others.

/** The ideas a message can carry; classification is a decision over which ones were found. */
export type Concept =
  | "tap"
  | "problem"
  | "negation"
  | "works"
  | "signIn"
  | "whatIs"
  | "help"
  | "greeting"
  | "thanks"
  | "reset"
  | "checkVerb"
  | "deviceWindows"
  | "deviceNewSetup"
  | "deviceMac"
  | "deviceIos"
  | "deviceAndroid"
  | "deviceLinux"
  | "browserEdge"
  | "browserChrome"
  | "browserSafari"
  | "browserFirefox"
  | "stageWindowsLogon"
  | "stageRegisterMethod"
  | "stageVpn"
  | "stageTapPrompt"
  | "stageAfterTap";

/** Phrases per concept; each phrase matches consecutive words, each word exactly or with a small typo. */
export const LEXICON: Readonly<Record<Concept, readonly string[]>> = {
  tap: [
    "=tap", "=taps", "temporary access pass", "temporary access code", "temporary pass", "temporary code",
    "access pass", "access code", "pass", "passes", "passcode", "pass code", "one-time pass",
    "zugriffspass", "zugangspass", "temporärer zugriffspass", "befristeter zugriffspass", "zugangscode", "zugriffscode",
    "passe", "passe d'accès", "code d'accès", "code temporaire", "accès temporaire",
  ],
  problem: [
    "expired", "expire", "expires", "expiring", "rejected", "rejects", "blocked", "invalid", "failed", "fails", "failing",
    "failure", "error", "errors", "denied", "refused", "broken", "wrong", "incorrect", "=locked", "stuck", "problem",
    "issue", "trouble",
    "abgelaufen", "ungültig", "blockiert", "gesperrt", "abgelehnt", "fehler", "fehlgeschlagen", "falsch", "problem",
    "expiré", "expirée", "périmé", "bloqué", "bloquée", "refusé", "refusée", "rejeté", "invalide", "erreur", "échec",
    "échoué", "problème", "verrouillé",
  ],
  negation: [
    "=not", "=no", "=never", "doesnt", "=dont", "=didnt", "=isnt", "=wasnt", "=wont", "=cant", "cannot", "=couldnt",
    "=wouldnt", "=arent", "unable",
    "nicht", "=kein", "keine", "keinen", "=nie", "niemals",
    "=ne", "=pas", "jamais", "impossible",
  ],
  works: [
    "work", "works", "working", "worked", "accept", "accepts", "accepted", "accepting", "valid", "=let", "=lets",
    "funktioniert", "funktionieren", "funktionierte", "=geht", "=ging", "klappt", "akzeptiert", "angenommen", "gültig",
    "fonctionne", "fonctionnent", "marche", "marchent", "accepté", "acceptée", "valide",
  ],
  signIn: [
    "sign in", "signin", "sign-in", "sign on", "signing in", "log in", "login", "logon", "log on", "logging in",
    "anmelden", "anmeldung", "einloggen", "anmeldevorgang",
    "connexion", "connecter", "identifier", "authentification", "authentication", "authenticate",
  ],
  whatIs: [
    "what is", "=whats", "what's", "what are", "what does", "explain", "=meaning", "definition",
    "was ist", "was sind", "was bedeutet", "erkläre", "erklär",
    "qu'est-ce", "qu'est ce", "c'est quoi", "que signifie", "explique",
  ],
  help: [
    "=help", "=help me", "commands", "what can you do", "how does this work", "=menu", "usage", "options",
    "hilfe", "hilf mir", "was kannst du",
    "=aide", "aidez-moi", "aide-moi", "que peux-tu faire",
  ],
  greeting: [
    "=hi", "hello", "=hey", "good morning", "good afternoon", "good evening", "=hiya", "greetings",
    "hallo", "guten tag", "guten morgen", "=moin", "servus", "grüezi",
    "bonjour", "=salut", "coucou", "bonsoir",
  ],
  thanks: [
    "thanks", "thank you", "=thx", "=ty", "cheers", "great", "perfect", "awesome",
    "danke", "vielen dank", "=super", "perfekt",
    "merci", "parfait", "génial",
  ],
  reset: [
    "start over", "=restart", "=reset", "=cancel", "=stop", "=quit", "=abort", "start again", "new start",
    "neu starten", "von vorne", "abbrechen", "neustart", "zurücksetzen",
    "recommencer", "annuler", "=arrêter", "réinitialiser",
  ],
  checkVerb: [
    "check", "diagnose", "look up", "lookup", "investigate", "troubleshoot", "verify", "inspect",
    "prüfe", "prüfen", "überprüfe", "überprüfen", "untersuche", "diagnostiziere",
    "vérifie", "vérifier", "vérifiez", "diagnostique", "diagnostiquer", "contrôle", "contrôler",
  ],
  deviceWindows: ["windows", "=win10", "=win11", "=pc", "surface", "windows hello"],
  deviceNewSetup: ["autopilot", "=oobe", "out of box"],
  deviceMac: ["=mac", "macbook", "macos", "=imac", "mac os", "=osx"],
  deviceIos: ["iphone", "=ipad", "=ios"],
  deviceAndroid: ["android", "=pixel", "samsung", "galaxy"],
  deviceLinux: ["linux", "ubuntu", "fedora", "debian"],
  browserEdge: ["=edge"],
  browserChrome: ["chrome"],
  browserSafari: ["safari"],
  browserFirefox: ["firefox", "mozilla"],
  stageWindowsLogon: [
    "lock screen", "lockscreen", "login screen", "logon screen", "sign in screen", "sign-in screen", "welcome screen",
    "windows hello", "hello for business", "web sign-in",
    "sperrbildschirm", "anmeldebildschirm", "écran de verrouillage", "écran de connexion",
  ],
  stageRegisterMethod: [
    "passkey", "passkeys", "security key", "=fido", "=fido2", "yubikey", "security info",
    "authenticator setup", "set up authenticator", "set up the authenticator", "setup authenticator",
    "setting up authenticator", "setting up the authenticator", "add authenticator", "adding authenticator",
    "register authenticator",
    "sicherheitsschlüssel", "sicherheitsinformationen", "authenticator einrichten",
    "clé de sécurité", "clé d'accès", "informations de sécurité", "configurer authenticator",
  ],
  stageVpn: ["=vpn", "remote access", "radius", "=nps", "fernzugriff", "accès à distance"],
  stageTapPrompt: [
    "never appeared", "never appears", "never shows", "doesnt appear", "doesnt show", "not offered", "isnt offered",
    "not shown", "no option",
  ],
  stageAfterTap: ["accepted but", "after entering", "after i entered", "after signing in"],
};

/** Words that mean the person is talking about themselves, so "check my pass" is not about someone else. */
export const SELF_WORDS: ReadonlySet<string> = new Set([
  "i", "me", "my", "mine", "myself", "it", "this", "that", "again", "now", "status", "please",
  "ich", "mich", "mein", "meine", "meinen", "es", "das", "nochmal", "erneut", "bitte",
  "je", "moi", "mon", "ma", "mes", "ça", "ca", "encore",
]);

/** Leading politeness stripped before looking for a "check <someone>" command. */
export const POLITE_PREFIXES: readonly string[] = [
  "please", "pls", "can you", "could you", "would you", "bitte", "kannst du", "könntest du",
  "peux-tu", "pouvez-vous", "s'il te plaît",
];

/** Filler before a subject ("check user ben", "check on ben") and after it ("ben's pass please"). */
export const SUBJECT_FILLERS: ReadonlySet<string> = new Set([
  "on", "for", "user", "the", "benutzer", "nutzer", "den", "utilisateur", "l'utilisateur", "pour",
  "tap", "pass", "please", "bitte", "sign-in", "signin", "login", "status", "account", "again", "now", "nochmal",
  "encore",
]);

/** Capitalised words that are products or places, never a person's name ("for Windows", "for Microsoft Edge"). */
export const NOT_A_NAME: ReadonlySet<string> = new Set([
  "i", "windows", "mac", "macos", "android", "linux", "ios", "iphone", "ipad", "edge", "chrome", "safari", "firefox",
  "tap", "taps", "teams", "microsoft", "outlook", "office", "vpn", "authenticator", "hello", "mfa", "azure", "entra",
  "intune", "autopilot", "my", "the", "a", "an", "this", "that", "it", "he", "she", "they", "we", "you",
  "hi", "hello", "hey", "hallo", "bonjour", "salut", "please", "thanks", "why", "what", "how", "when", "can", "could",
  "does", "is", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
]);
