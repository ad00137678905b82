"""Social-media handles: ``@name``, and user names after a platform or a
request to be contacted, in English and Spanish.

Rules, in brief (tests/export pins each one down):

- ``@name`` anywhere, unless inside an email or a URL; a Reddit ``u/name``
  and a Cash App ``$cashtag`` (letters in it, so "$5" stays money).
- After a platform ("instagram", "IG", "insta", "snap", "TikTok", "FB",
  "telegram", "discord", "venmo", ... and chained ones: "twitter/x") or a
  label ("handle", "username", "usuario"), with what people put between
  ("is", "es", "'s", ":", "-", "->", "|", "(", a line break, "sale como",
  "as"): a token marked as a user name (a digit, "_", ".", "@", a Discord
  ``#1234`` or an inner capital: "MariaLopez"), or one lower-case word that
  is no ordinary word ("my insta is private" stays readable).
- The short names ("sc", "tt", "tg", "wa", "x", "steam", "line") are words or
  places too: after them only a marked token, or a plain one after a colon.
- With only a space after the platform, a plain word counts only when the
  platform starts its line ("ig jdoe" on a form), someone asks to be found
  there ("follow me on insta marialopez") or it is names run together; "lo
  subieron a tiktok anoche" stays readable. After "was"/"era" only a marked one.
- A marked user name farther off: before "on IG"/"en instagram"/"(IG)", after
  "under the name"/"con el nombre de"/"goes by".
- With no platform named, after a request to be contacted ("hmu", "dm me",
  "añádeme", "escríbeme", "búscame como") a user name: marked so, or names run
  together ("brianmoon", "jlopez": :func:`.name_lexicon.is_joined_names`).
- A chat log's speaker after its time stamp, when the name is a user name.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.name_lexicon import is_first_name, is_joined_names, is_surname
from tipline.export.pii.namewords import all_stop_words, word_set

# Never cut inside a word: "aplicación" is no "aplicaci".
_USER_NAME = r"@?[A-Za-z0-9_][A-Za-z0-9_.-]{2,29}(?:#\d{4})?(?![^\W_])"
_AT = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_REDDIT = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}(?![\w/])")
_CASHTAG = re.compile(r"(?<![\w$])\$[A-Za-z][A-Za-z0-9_-]{1,19}(?![\w$-])")
_PLATFORMS = (
    r"instagram|insta|ig|snapchat|snap|tik\s?tok|twitter|x\.com|telegram|signal|threads"
    r"|facebook|fb|face|whatsapp|discord|bluesky|mastodon|youtube|kik|venmo|reddit|twitch"
    r"|linkedin|onlyfans|messenger|wechat|skype|cash\s?app|gamer\s?tag|psn|xbox(?:\s+live)?|roblox"
    r"|fortnite|minecraft|social\s+media|socials|redes(?:\s+sociales)?"
)
#: Abbreviations that are words or places too ("SC" is South Carolina).
_SHORT = r"sc|tt|tg|wa|x|steam|epic|kick|line"
_NAMED = rf"(?:{_PLATFORMS}|{_SHORT})(?:\s*/\s*(?:{_PLATFORMS}|{_SHORT}))*"
_CUE = re.compile(
    rf"\b(?:(?P<platform>{_NAMED})"
    r"(?:\s+(?:handle|user(?:name)?|usuario|account|acct|acc|cuenta|name|id|page|perfil)(?![-\w]))?"
    r"|handle|username|user\s+name|usuario|nombre\s+de\s+usuario)"
    # "en tiktok sale como x", "snap me x", "on X as x", "Signal (x)".
    r"(?:\s+(?:sale|aparece|est[áa]|soy|goes|go|i'?m|am)\b)?(?:\s+(?:me|como|as|by)\b)?"
    r"(?P<sep>\s*(?:(?:is|es|was|era|it'?s)\b[^\S\n]*:?|'s\b|[:=|>\u2192\u2013\u2014-]+)\s*"
    r"|\s*\(\s*|\s+)[\"'\u201c\u2018]?"
    rf"(?P<token>{_USER_NAME})",
    re.IGNORECASE,
)
# Farther from the platform, after a word that introduces a name: "on
# Instagram under the name lupita_r", "en Facebook aparece con el nombre de x".
_NAMED_AS = re.compile(
    rf"\b(?:{_NAMED})\b[^\n.!?]{{0,20}}?\b(?:as|como|under(?:\s+the\s+name)?|named|called"
    rf"|(?:con|bajo)\s+el\s+nombre(?:\s+de)?|goes\s+by|by)\s+({_USER_NAME})",
    re.IGNORECASE,
)
# The platform after the name: "she goes by lupe_r on IG", "lupita.ruiz en instagram".
_BEFORE_PLATFORM = re.compile(
    rf"(?<![\w@./])({_USER_NAME})(?:\s+(?:on|en|in|de|del|from)\s+(?:the\s+|el\s+|la\s+)?|\s*\(\s*)"
    rf"(?:{_NAMED})\b",
    re.IGNORECASE,
)
# "my @ is alyssagray", "mi @ es nestor83_real".
_AT_CUE = re.compile(
    rf"\b(?:my|mi|his|her|su)\s+@\s*(?:(?:is|es)\b|:)?\s*({_USER_NAME})",
    re.IGNORECASE,
)
# A chat log's speaker after its time stamp: "[9:14 PM] daniel65.12: they ...".
_SPEAKER = re.compile(
    r"^[^\S\n]*\[[^\]\n]{1,15}\][^\S\n]*<?([A-Za-z0-9_][A-Za-z0-9_.-]{2,29})>?:[^\S\n]",
    re.MULTILINE,
)
# Asking to be contacted without naming a platform: "hmu brianmoon", "dm me
# at jlopez_88", "escríbeme mariag.12", "búscame como lupita_ruiz".
_CONTACT_CUE = re.compile(
    r"\b(?:hmu|hit\s+me\s+up|[dp]m\s+me|dm|message\s+me|add\s+me|follow\s+me|find\s+me"
    r"|escr[íi]beme|b[úu]scame|agr[ée]game|a[ñn][áa]deme|s[íi]gueme|h[áa]blame|encu[ée]ntrame"
    r"|m[áa]ndame\s+(?:un\s+)?(?:dm|mensaje|msj|inbox))"
    r"(?:\s+(?:at|on|as|en|como|a|al|por))?(?:\s*:\s*|\s+)"
    r"(@?[A-Za-z0-9_][A-Za-z0-9_.-]{2,29})(?![\w@-])",
    re.IGNORECASE,
)
# Words that follow a platform name but are no handle ("my insta is private",
# "the discord server", "IG: none").
_NOT_HANDLES = word_set(
    """
    private public blocked deleted gone down closed locked new old live video videos post posts
    page story stories reel reels account profile message messages group groups chat chats call
    calls server servers channel channels link links app dms none nada ninguno ninguna unknown
    desconocido desconocida privado privada cerrado cerrada borrado borrada nuevo nueva ahí ahi
    también tambien pero handle usuario today yesterday tonight also again ayer hoy
    under over well too right during anymore lately either though instead later soon already
    recently often sometimes everyday ahora luego antes después despues siempre nunca todavía
    todavia tampoco nope idk anoche mañana manana pronto temprano tarde
    """
)
# A user name's marks: "@", a digit, "_", ".", Discord's "#1234", an inner
# capital ("MariaLopez", "MLopez").
_ASKED = re.compile(
    r"\b(?:find|follow|add|hmu|dm|message|text|search|look\s+me\s+up|me\s+encuentras|b[úu]sca(?:me|nme|lo|la)"
    r"|s[íi]gue(?:me|nme)|agr[ée]ga(?:me|nos)|a[ñn][áa]de(?:me|nos)|escr[íi]be(?:me|nos)|encu[ée]ntra(?:me|nos)"
    r"|h[áa]bla(?:me|nos))\b[^\n]{0,20}$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[^\S\n]*(?:$|[,.;:!?)\]\n\"'\u201d]|(?:and|or|y|o|e|u|but|pero|too|tambi[ée]n|please|pls"
    r"|porfa|lol|jaja\w*|haha\w*|on|en|for|para|if|si|btw|thx|thanks|gracias"
    # A run-on chat starts its next clause: "his insta is sgutierrez he posted".
    r"|he|she|they|we|i|you|it|there|so|then|where|who|el|él|ella|ellos|ellas|ahí|ahi|allí|alli"
    r"|por|que|lo|la|le|les|se|me|te|nos|ya|luego|donde)\b|[@(/|])",
    re.IGNORECASE | re.MULTILINE,
)
_MARKED = re.compile(r"^@|[\d_.#]|[a-z][A-Z]|^[A-Z]{2,}[a-z]")
_TIME = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|h)?", re.IGNORECASE)


def _token_end(match: re.Match[str], group: str | int) -> tuple[str, int]:
    token = match.group(group).rstrip(".-")
    return token, match.start(group) + len(token)


def _after_platform(match: re.Match[str]) -> Finding | None:
    token, end = _token_end(match, "token")
    text = match.string
    word = token.lower()
    if word in _NOT_HANDLES or word.lstrip("@") in all_stop_words():
        return None
    marked = bool(_MARKED.search(token)) and any(ch.isalpha() for ch in token)
    # Unmarked, a handle is one lower-case word that is no ordinary word.
    plain = token.islower() and len(token) >= 4
    platform = match.group("platform") or ""
    separator = match.group("sep").strip(" :\n").lower()
    if re.fullmatch(_SHORT, platform, re.IGNORECASE):
        # "X" and "sc" are letters and places too: a plain word only after a
        # label, a colon or "is"/"es", or when it is names run together.
        labelled = match.end("platform") != match.start("sep")
        told = ":" in match.group("sep") or separator in ("is", "es")
        plain = plain and (labelled or told or _first_and_surname(word))
    # "the snap was loud": after a past tense only a marked user name.
    if separator in ("was", "era"):
        plain = False
    # With only a space after the platform, an unmarked word is a user name
    # when someone asks to be found there ("follow me on insta marialopez")
    # or it is names run together; "lo subieron a tiktok anoche" stays.
    bare = bool(platform) and match.end("platform") == match.start("sep")
    bare = bare and not match.group("sep").strip()
    if bare:
        before = text[max(0, match.start() - 30) : match.start()]
        # A platform that starts its line labels it, as on a form: "ig jdoe".
        labels = not before.rpartition("\n")[2].strip(" -*•\t")
        plain = plain and bool(labels or _ASKED.search(before) or _first_and_surname(word))
    # After a bare platform name or "is"/"es" a plain word ends its clause, as
    # a user name given does ("ig marialopez, hmu"); "Instagram grow back-end
    # networks" and "my IG is deliver end-to-end partnerships" are sentences.
    told = bare or separator in ("is", "es")
    if told and plain and not _first_and_surname(word) and not _CLAUSE_END.match(text, end):
        plain = False
    if marked or plain:
        return make(text, match.start("token"), end, "handle")
    return None


def _first_and_surname(token: str) -> bool:
    """A first name and a surname run together, either order ("lauramitchell",
    "garciajessica", "analopez"): stricter than :func:`is_joined_names`, for
    user names away from a cue, where a word split in two would pass ("posted"
    is "pos" + "ted"). The first name has four letters, or three before a
    surname of five or more."""
    word = token.lower()
    if not (word.isascii() and word.isalpha()) or word in all_stop_words():
        return False
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if is_first_name(head) and is_surname(tail) and (cut >= 4 or len(tail) >= 5):
            return True
        if is_surname(head) and is_first_name(tail) and len(tail) >= 4:
            return True
    return False


def _marked(match: re.Match[str]) -> Finding | None:
    """A user name away from its cue: a marked one, or a first name and a
    surname run together ("posted on X" stays)."""
    token, end = _token_end(match, 1)
    letters = sum(ch.isalpha() for ch in token)
    marked = letters >= 2 and _MARKED.search(token) and not _TIME.fullmatch(token)
    if marked or (token.islower() and _first_and_surname(token)):
        return make(match.string, match.start(1), end, "handle")
    return None


def _after_contact_request(match: re.Match[str]) -> Finding | None:
    token, end = _token_end(match, 1)
    letters = sum(ch.isalpha() for ch in token)
    # A user name is marked as one (a digit, "_" or "."; never a time like
    # "3pm") or is names run together; "hmu tomorrow" is no handle.
    marked = letters >= 2 and bool(re.search(r"[\d_.]", token))
    marked = marked and not _TIME.fullmatch(token)
    if marked or (token.islower() and is_joined_names(token)):
        return make(match.string, match.start(1), end, "handle")
    return None


def handles(text: str) -> list[Finding]:
    """Every social-media handle in ``text``."""
    found: list[Finding | None] = [make(text, *m.span(), "handle") for m in _AT.finditer(text)]
    found += [make(text, *m.span(), "handle") for m in _REDDIT.finditer(text)]
    found += [
        make(text, *m.span(), "handle")
        for m in _CASHTAG.finditer(text)
        if any(ch.islower() for ch in m.group())
    ]
    found += [_after_platform(m) for m in _CUE.finditer(text)]
    for pattern in (_NAMED_AS, _BEFORE_PLATFORM):
        found += [_marked(m) for m in pattern.finditer(text)]
    found += [make(text, m.start(1), _token_end(m, 1)[1], "handle") for m in _AT_CUE.finditer(text)]
    for m in _SPEAKER.finditer(text):
        token = m.group(1)
        # A user name, not a role ("visitor", "usuaria", "mod").
        if re.search(r"\d|_|\.\w", token) or (token.islower() and is_joined_names(token)):
            found.append(make(text, *m.span(1), "handle"))
    found += [_after_contact_request(m) for m in _CONTACT_CUE.finditer(text)]
    return sorted({f for f in found if f})
