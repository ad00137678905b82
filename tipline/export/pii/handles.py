"""Social-media handles: ``@name``, and user names after a platform or a
request to be contacted, in English and Spanish.

Rules, in brief (tests/export pins each one down):

- ``@name`` anywhere, unless inside an email or a URL; a Reddit ``u/name``
  and a Cash App ``$cashtag`` (letters in it, so "$5" stays money).
- After a platform ("instagram", "IG", "insta", "snap", "TikTok", "FB",
  "feis", "whats", "bsky", "telegram", "discord", "venmo", ... and chained
  ones: "twitter/x") or a label ("handle", "username", "usuario", "user:";
  "account:", "perfil:", "cuenta:" only before a marked name), with what
  people put between ("is", "es", "'s", ":", "-", "->", "|", "/", "(", a
  line break, "sale como", "as", a note "(private)" before the colon, "@"
  apart or said: "is at x", "es arroba x"): a token marked as a user name (a
  digit, "_", ".", "@", a Discord ``#1234`` or an inner capital:
  "MariaLopez"), one lower-case word that is no ordinary word ("my insta is
  private" stays readable), or after a colon or a bar one capitalized or
  all-caps word that ends its clause ("IG: JDOE"; "fb: Maria Lopez" is a
  person).
- The short names ("sc", "tt", "tg", "wa", "x", "steam", "line") are words or
  places too: after them only a marked token, or a plain one after a colon.
- With only a space after the platform, a plain word counts only when the
  platform starts its line ("ig jdoe" on a form), someone asks to be found
  there ("follow me on insta marialopez", "le escriben al ig x") or it is
  names run together; "lo subieron a tiktok anoche" stays readable. After
  "was"/"era" only a marked one; after a comma or a chat header ("DM with
  x") a marked one or names run together.
- A user name farther off, marked or names run together (:mod:`.user_names`:
  "jsmith", "garciamaria"): before "on IG"/"en instagram"/"por WhatsApp"/
  "(IG)"/"[IG]"/"- instagram", after "under the name"/"con el nombre de"/
  "llamada"/"goes by".
- With no platform named, after a request to be contacted ("hmu", "dm me",
  "añádeme", "escríbeme", "búscame como") or "posted by"/"publicado por" a
  user name: marked so, or names run together ("brianmoon", "jlopez":
  :func:`.name_lexicon.is_joined_names`).
- A chat log's speaker after its time stamp, when the name is a user name.
- A platform's token is never a time ("IG at 9pm").
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.name_lexicon import is_joined_names
from tipline.export.pii.namewords import all_stop_words, word_set
from tipline.export.pii.user_names import first_name_and_more, names_run_together

#: A user name's characters, as a pattern (never cut inside a word: "aplicación"
#: is no "aplicaci"; letters of any script: "toño.lara", "elgüero_22").
#: Shared with :mod:`.handle_forms`.
USER_NAME = r"@?\w[\w.-]{2,29}(?:#\d{4})?(?![^\W_])"
_AT = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_REDDIT = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}(?![\w/])")
_CASHTAG = re.compile(r"(?<![\w$])\$[A-Za-z][A-Za-z0-9_-]{1,19}(?![\w$-])")
# With the nicknames and misspellings people write: "insta", "the gram",
# "feis", "tik-tok", "twiter", "whats", "bsky".
_PLATFORM_WORDS = (
    r"instagram|instagran|instgram|insta|ig|snapchat|snap|tik[\s-]?tok|tic[\s-]?toc|twitter|twiter"
    r"|x\.com|telegram|signal|threads|facebook|fb|face|feis(?:buk|book)?|whats\s?app|whats|wsp|wpp"
    r"|discord|bluesky|bsky|mastodon|youtube|yt|kik|venmo|zelle|reddit|twitch|pinterest|tumblr"
    r"|linktree|tinder|hinge|grindr|bumble|the\s+gram"
    r"|linkedin|onlyfans|messenger|wechat|skype|cash\s?app|gamer\s?tag|psn|xbox(?:\s+live)?|roblox"
    r"|fortnite|minecraft|social\s+media|socials|redes(?:\s+sociales)?"
)
#: Abbreviations that are words or places too ("SC" is South Carolina).
_SHORT = r"sc|tt|tg|wa|x|steam|epic|kick|line"
#: One platform's name or several joined by "/", as a pattern ("IG/TikTok").
#: Shared with :mod:`.handle_forms`.
PLATFORMS = rf"(?:{_PLATFORM_WORDS}|{_SHORT})(?:\s*/\s*(?:{_PLATFORM_WORDS}|{_SHORT}))*"
_CUE = re.compile(
    rf"\b(?:(?P<platform>{PLATFORMS})"
    r"(?:\s+(?:handle|user(?:\s?name)?|usuario|account|acct|acc|cuenta|name|id|page|perfil|profile"
    r"|contact|contacto)(?![-\w]))?"
    r"|handle|username|user\s+name|usuario|nombre\s+de\s+usuario"
    # Labels that name no platform need a colon: "user: x", "perfil: x", "cuenta: x".
    r"|(?P<label>(?P<user>user)(?=[^\S\n]*[:=]|\s+@?\w)|(?:account|profile|perfil|cuenta)(?=[^\S\n]*[:=]|\s+@?\w)"
    r"|(?:alias|nick(?:name)?)(?=[^\S\n]*[:=]))"
    # A chat export's header: "Instagram DM with x", "chat de WhatsApp con x".
    r"|(?P<chat>(?:dms?|chat|messages|conversation|conversaci[óo]n)(?:\s+(?:de|on|en|in)\s+\w+)?\s+(?:with|con))(?=\s))"
    # "Instagram (private): x", a note before the colon.
    r"(?:[^\S\n]*\([^()\n]{1,20}\)(?=[^\S\n]*:))?"
    # "en tiktok sale como x", "snap me x", "on X as x", "Signal (x)", "on IG he's x".
    r"(?:\s+(?:sale|aparece|est[áa]|soy|goes|go|i'?m|am|he'?s|she'?s|hes|shes)\b)?"
    r"(?:\s+(?:me|como|as|by)\b)?"
    r"(?P<sep>\s*(?:(?:is|es|was|era|it'?s)\b[^\S\n]*:?|'s\b|[:=|>/\u2192\u2013\u2014-]+)\s*"
    r"|\s*\(\s*|,[^\S\n]*|\s+)"
    # "@" written apart or said: "is @ x", "is at x", "es arroba x".
    r"(?P<at>(?:@(?=\s)|\bat\b|\barroba\b)[^\S\n]*)?[\"'\u201c\u2018]?"
    rf"(?P<token>{USER_NAME})",
    re.IGNORECASE,
)
# Farther from the platform, after a word that introduces a name: "on
# Instagram under the name lupita_r", "en Facebook aparece con el nombre de x".
_NAMED_AS = re.compile(
    rf"\b(?:{PLATFORMS})\b[^\n.!?]{{0,20}}?\b(?:as|como|under(?:\s+the\s+name)?|named|called"
    rf"|(?:con|bajo)\s+el\s+nombre(?:\s+de)?|llamad[oa]|goes\s+by|by)\s+({USER_NAME})",
    re.IGNORECASE,
)
# The platform after the name: "she goes by lupe_r on IG", "lupita.ruiz en instagram".
_BEFORE_PLATFORM = re.compile(
    rf"(?<![\w@./])({USER_NAME})(?:\s+(?:on|en|in|de|del|from|por|via|through|thru|at)\s+(?:the\s+|el\s+|la\s+)?"
    r"|\s*[(\[]\s*|[^\S\n]+[-/|\u2013\u2014][^\S\n]+)"
    rf"(?P<after>{PLATFORMS})\b",
    re.IGNORECASE,
)
# "my @ is alyssagray", "mi @ es nestor83_real".
_AT_CUE = re.compile(
    rf"\b(?:my|mi|his|her|su)\s+@\s*(?:(?:is|es)\b|:)?\s*({USER_NAME})",
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
    r"|m[áa]ndame\s+(?:un\s+)?(?:dm|mensaje|msj|inbox)"
    # Who posted it, as a feed shows: "posted by lupe_r", "publicado por x".
    r"|(?:posted|shared|uploaded|reposted)\s+by|(?:publicad|subid|compartid)[oa]\s+por)"
    r"(?:\s+(?:at|on|as|en|como|a|al|por))?(?:\s*:\s*|\s+)"
    r"(@?\w[\w.-]{2,29})(?![\w@-])",
    re.IGNORECASE,
)
#: Words that follow a platform name but are no handle ("my insta is private",
#: "the discord server", "IG: none"). Shared with :mod:`.handle_forms`.
NOT_HANDLES = word_set(
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
# Any person and tense of the Spanish verbs: "le escriben al ig x",
# "búsquenla en face x", "lo encuentras en tiktok x".
_ASKED = re.compile(
    r"\b(?:find|follow|add|hmu|dm|message|text|search|look\s+me\s+up|reach|contact"
    r"|b[úu]s(?:ca|que)\w*|s[íi]g(?:ue|a)\w*|agr[ée]g(?:a|ue)\w*|a[ñn]ad\w*|a[ñn][áa]de\w*"
    r"|escr[íi]b\w*|encu[ée]ntra\w*|encontr\w*|h[áa]bl\w*|contact\w*|mand\w*)\b[^\n]{0,20}$",
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
_NEXT_CAPITAL = re.compile(r"[^\S\n]+[A-ZÁÉÍÓÚÑ]")
#: A user name's marks: "@", a digit, "_", ".", Discord's "#1234", an inner
#: capital ("MariaLopez", "MLopez"). Shared with :mod:`.handle_forms`.
MARKED = re.compile(r"^@|[\d_.#]|[a-z][A-Z]|^[A-Z]{2,}[a-z]")
_TIME = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|h)?", re.IGNORECASE)


def _token_end(match: re.Match[str], group: str | int) -> tuple[str, int]:
    token = match.group(group).rstrip(".-")
    return token, match.start(group) + len(token)


def _after_platform(match: re.Match[str]) -> Finding | None:
    token, end = _token_end(match, "token")
    text = match.string
    word = token.lower()
    if word in NOT_HANDLES or word.lstrip("@") in all_stop_words():
        return None
    marked = bool(MARKED.search(token)) and any(ch.isalpha() for ch in token)
    marked = marked and not _TIME.fullmatch(token)
    # "the user lupe_r posted", "on Instagram, jsmith": with no colon after a
    # word that names no platform, or after a comma, only a marked user name
    # or names run together ("the user interface", "on IG, they said").
    label = bool(match.group("label"))
    loose = (label and ":" not in match.group("sep")) or "," in match.group("sep")
    # "Account: checking", "Perfil: hombre": a word that names no platform
    # ("user" does) is a user name when marked as one.
    loose = loose or (label and not match.group("user"))
    if match.group("chat") or loose:
        # "chat with lawyer" is no user name: only a marked one or names run together.
        run = token.islower() and names_run_together(word)
        return make(text, match.start("token"), end, "handle") if marked or run else None
    # Unmarked, a handle is one lower-case word that is no ordinary word.
    plain = token.islower() and len(token) >= 4
    platform = match.group("platform") or ""
    separator = match.group("sep").strip(" :\n").lower()
    # After a colon, a bar or an arrow a capitalized or all-caps word is a user
    # name too ("IG: JDOE", "twitter: Nalgonzo") when it stands alone; "fb:
    # Maria Lopez" goes on to a second name, a person's, not a handle.
    if _cased_alone(token, text, end) and re.search(
        r"[:=|>\u2192\u2013\u2014-]", match.group("sep")
    ):
        plain = True
    if re.fullmatch(_SHORT, platform, re.IGNORECASE):
        # "X" and "sc" are letters and places too: a plain word only after a
        # label, a colon or "is"/"es", or when it is names run together.
        labelled = match.end("platform") != match.start("sep")
        told = ":" in match.group("sep") or separator in ("is", "es")
        plain = plain and (labelled or told or names_run_together(word))
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
        plain = plain and bool(labels or _ASKED.search(before) or names_run_together(word))
    # After a bare platform name or "is"/"es" a plain word ends its clause, as
    # a user name given does ("ig marialopez, hmu"); "Instagram grow back-end
    # networks" and "my IG is deliver end-to-end partnerships" are sentences.
    told = bare or separator in ("is", "es")
    if told and plain and not names_run_together(word) and not _CLAUSE_END.match(text, end):
        plain = False
    if marked or plain:
        return make(text, match.start("token"), end, "handle")
    return None


def _cased_alone(token: str, text: str, end: int) -> bool:
    """A capitalized or all-caps word of letters and digits that ends its clause."""
    if not (token[:1].isupper() and token.isalnum() and len(token) >= 4):
        return False
    return bool(_CLAUSE_END.match(text, end)) and not _NEXT_CAPITAL.match(text, end)


def _marked(match: re.Match[str]) -> Finding | None:
    """A user name away from its cue: a marked one, or a first name and a
    surname run together ("posted on X" stays)."""
    token, end = _token_end(match, 1)
    letters = sum(ch.isalpha() for ch in token)
    marked = letters >= 2 and MARKED.search(token) and not _TIME.fullmatch(token)
    # "lo publicaron en X": before a short name ("X", "sc") only a marked one.
    short = "after" in match.re.groupindex and re.fullmatch(_SHORT, match.group("after"), re.I)
    if marked or (token.islower() and not short and names_run_together(token)):
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


def _after_cues(text: str) -> list[Finding | None]:
    """:data:`_CUE`'s findings. A cue whose token is no user name may be the
    next cue itself (a table's header "Handle" over "Instagram | x"), so the
    search resumes at that token instead of after it."""
    found: list[Finding | None] = []
    pos = 0
    while match := _CUE.search(text, pos):
        finding = _after_platform(match)
        found.append(finding)
        pos = match.end() if finding else match.start("token")
    return found


def handles(text: str) -> list[Finding]:
    """Every social-media handle in ``text``."""
    found: list[Finding | None] = [make(text, *m.span(), "handle") for m in _AT.finditer(text)]
    found += [make(text, *m.span(), "handle") for m in _REDDIT.finditer(text)]
    found += [
        make(text, *m.span(), "handle")
        for m in _CASHTAG.finditer(text)
        if any(ch.islower() for ch in m.group())
    ]
    found += _after_cues(text)
    for pattern in (_NAMED_AS, _BEFORE_PLATFORM):
        found += [_marked(m) for m in pattern.finditer(text)]
    found += [make(text, m.start(1), _token_end(m, 1)[1], "handle") for m in _AT_CUE.finditer(text)]
    for m in _SPEAKER.finditer(text):
        token = m.group(1)
        # A user name, not a role ("visitor", "usuaria", "mod"): marked, or
        # names run together, also with a surname no list has ("jamesoyekan").
        joined = is_joined_names(token) or first_name_and_more(token)
        if re.search(r"\d|_|\.\w", token) or (token.islower() and joined):
            found.append(make(text, *m.span(1), "handle"))
    found += [_after_contact_request(m) for m in _CONTACT_CUE.finditer(text)]
    return sorted({f for f in found if f})
