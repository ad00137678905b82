"""E-mail and web addresses, the way people write, say and mangle them.

Tips arrive typed, handwritten and transcribed, so an address seldom looks
like ``user@example.com``:

- e-mail: spaces or a line break around ``@`` and the dots
  ("juan.perez @ gmail . com"), a comma for a dot ("gmail,com"), the sign
  written out or bracketed ("at", "arroba", "(at)", "[arroba]", "{at}",
  also between the local part's words: "pedro(dot)vasquez(at)..."; the
  bare word "at" with a plain domain only after the word e-mail),
  spoken dots and dashes ("punto", "dot", "guion bajo"), a mail provider
  without its ending ("rosa arroba gmail"), ALL CAPS, accents typed by
  mistake, ``mailto:`` and forwarded headers ("From: Ana <ana@x.org>");
- web: ``http(s)://`` and ``www.`` (also "http: //", "hxxp://", "WWW."),
  a bare domain with a path ("facebook.com/x", "wa.me/521…", "t.me/x",
  "linktr.ee/x"), a bare domain after a word that says it is a site
  ("my page: garcia.biz"), an address broken at the end of a line after
  ``/``, ``-`` or ``=``, and spoken ones ("www punto iglesia punto org",
  "facebook punto com barra maria punto lopez").

A bare domain with no path and no cue stays readable ("the locator at
ice.gov"); so does a government or university domain after a cue, since it
names an institution rather than a person. Closing brackets and sentence
punctuation after an address are not part of it.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make, resolve

# Endings people type and say. Spoken endings that are also common words
# ("es", "me", "do", "pa") are safe here only because an "at"/"arroba" or a
# "www"/"barra" comes first.
_TLDS = (
    r"com|net|org|edu|gov|gob|info|biz|app|me|io|co|us|mx|es|ar|cl|pe|ve|gt|hn|sv|ni|cr|pa"
    r"|do|cu|pr|ec|bo|py|uy|br|ca|uk|eu|de|fr|it|pt|cat|online|site|xyz|tv|ly|gl|be|ee|gg"
    r"|to|fm|link|page|news|live|email"
)
_PROVIDERS = r"gmail|hotmail|yahoo|outlook|icloud|protonmail|aol"

# --- e-mail -----------------------------------------------------------------
# An apostrophe inside the local part too: "o'brien.k@example.com".
_EMAIL = re.compile(
    r"(?<![\w.%+'-])[\w.%+-](?:[\w.%+-]|'(?=\w))*@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])"
)
# A literal @ is a strong sign, so spacing may be loose: one space or line
# break on either side of "@" and of each dot, or a comma for a dot.
_GAP = r"[^\S\n]{0,2}\n?[^\S\n]{0,2}"
# A dot, a comma typed for one, or a space before a common ending ("gmail com").
_SEP = rf"(?:{_GAP}\.{_GAP}|,|[^\S\n](?=(?i:com|net|org|edu)\b))"
# The local part has a letter; its dots may be spaced too ("juan . perez").
_LOCAL = r"(?<![\w.%+-])(?:[\w%+-]+ \. )*[\w.%+-]*[^\W\d_][\w.%+-]*(?<=[^\W_])"
_LOOSE_EMAIL = re.compile(
    rf"{_LOCAL}{_GAP}[@＠]{_GAP}[\w-]+(?:{_SEP}[\w-]+)*{_SEP}(?i:{_TLDS})(?![\w-])"
    rf"|{_LOCAL}[^\S\n]?[@＠][^\S\n]?(?i:{_PROVIDERS})(?![\w.-])",
)
_JOINERS = r"dot|punto|underscore|gui[óo]n(?:\s+(?:bajo|medio))?|barra\s+baja|dash|hyphen|raya"
_AT_WORD = (
    # "(at)", "(a)", "@", "at sign"; "arroba" run into the domain by a transcript.
    r"(?:[(\[{<]\s*(?:at|arroba|@|a)\s*[)\]}>]|\bat\s+sign\b|\bat\b|\barroba|[@＠])"
)
_DOT_WORD = r"(?:[(\[{<]\s*(?:dot|punto|\.)\s*[)\]}>]|\bdot\b|\bpunto\b|\.(?=\w))"
# The local part's dots bracketed too: "pedro(dot)vasquez(at)gmail(dot)com".
_LOCAL_JOIN = rf"(?:\s+(?:{_JOINERS})\s+|\s*[(\[{{<]\s*(?:{_JOINERS})\s*[)\]}}>]\s*)"
_SPOKEN_EMAIL = re.compile(
    rf"\b[\w.%+-]+(?:{_LOCAL_JOIN}[\w%+-]+)*\s*(?P<at>{_AT_WORD})\s*"
    rf"(?:[\w-]+(?:\s*{_DOT_WORD}\s*(?!(?:{_TLDS})\b)[\w-]+)*"
    rf"(?:\s*{_DOT_WORD}\s*(?:{_TLDS})\b(?![\w-]))+"
    rf"|(?P<provider>{_PROVIDERS})\b(?![\w-]|\.\w))",
    re.IGNORECASE,
)
# "mi correo es maría lópez arroba gmail punto com": after an e-mail cue, the
# words right before the address are its dictated local part.
_CUED_LOCAL = re.compile(
    r"(?:\be-?mail|\bcorreo(?:\s+electr[óo]nico)?)(?:\s+(?:address|is|es))*[^\S\n]*[:=-]?[^\S\n]*"
    r"(?:(?:to|a|al|para)[^\S\n]+)?((?:(?!(?:to|a|al|para|de|del|me|us|him|her|le|les|at|en|is|es|was|era|my|mi|su)\s)"
    r"[\w.+-]+[^\S\n]+){1,2})$",
    re.IGNORECASE,
)
_WRAPPED = re.compile(r"(?<![\w.%+-])[\w.%+-]*\w-\n$")
# After a dot or an underscore a line break may also be a sentence's end
# ("Write me.\njuan@x.org"): only a label's value wraps there.
_WRAPPED_AFTER_CUE = re.compile(
    r"(?:\be-?mail|\bcorreo)\b[^\S\n]*[:=-]?[^\S\n]*([\w%+-][\w.%+-]*[._])\n$", re.IGNORECASE
)
# "email: wsmith at acmeplumbing.com": after the word e-mail, "at" is the sign.
# So it is after a request to write: "contact jsmith at smith-jones.com".
_EMAIL_CUE = re.compile(
    r"(?:\be-?mail|\bcorreo|\bcontact(?:o|ar(?:le|me)?)?|\bwrite|\breach\s+(?:me|him|her|us)\s+at"
    r"|\bescr[íi]b(?:e|an|ir)(?:me|le|nos)?|\bsend\s+(?:it|them)|\bm[áa]nd(?:a|e|en)(?:lo|la|me)?)\b"
    r"(?:\s+(?:address|is|es|me|to|a|al))*[^\S\n]*[:=-]?[^\S\n]*$",
    re.IGNORECASE,
)
# "works at Yahoo" is an employer; "juan at gmail" is an address.
_EMPLOYERS = frozenset({"yahoo", "outlook", "aol", "icloud", "protonmail"})


# --- web --------------------------------------------------------------------
_TAIL = r"[^\s<>\"'\]“”«»|]"
_SCHEME_URL = re.compile(
    rf"\b(?:h[tx]{{2}}ps?|ftp)[^\S\n]?:[^\S\n]?//[^\S\n]?{_TAIL}+|\bwww\d?\.{_TAIL}+",
    re.IGNORECASE,
)
_DOMAIN = rf"(?:[\w-]+\.)+(?:{_TLDS})"
_PATH_URL = re.compile(rf"(?<![\w@./-])({_DOMAIN})/{_TAIL}*", re.IGNORECASE)
# A word that says a site follows: "website", "mi página es", "link:".
_SITE_CUE = (
    r"\b(?:web\s*site|website|site|sitio(?:\s+web)?|p[áa]gina(?:\s+web)?|web\s*page|webpage"
    r"|blog|link|enlace|url|domain|dominio|visit|visita|entra\s+a|go\s+to)\b"
)
_CUED_DOMAIN = re.compile(
    rf"(?:{_SITE_CUE})[^\w\n]{{0,4}}"
    rf"(?:(?:is|es|at|en|de|my|mi|su|our|nuestr[ao])[^\w\n]{{1,3}}){{0,2}}({_DOMAIN})(?![\w-]|\.\w)",
    re.IGNORECASE,
)
# A bare domain anywhere, in lower case (a sentence run into the next one,
# "ya.Es tarde", is not a domain), with an ending that is no common word.
_BARE_ENDINGS = r"com|net|org|biz|info|us|mx|io|app|online|site|xyz|news|live|tv|ly|gov|gob|edu|mil"
_BARE_DOMAIN = re.compile(
    rf"(?<![\w@./-])((?:[a-z0-9][\w-]*\.)+(?:{_BARE_ENDINGS})"
    # or all in capitals, as letters from jail are written: "GARCIA-FAMILY.COM".
    rf"|(?:[A-Z0-9][A-Z0-9-]*\.)+(?:{_BARE_ENDINGS.upper()}))(?![\w-]|\.\w)"
)
# Sites everyone names ("she posted it on facebook.com") name nobody.
_PUBLIC_SITES = frozenset(
    {
        *("facebook", "instagram", "google", "gmail", "youtube", "twitter", "x", "tiktok"),
        *("whatsapp", "amazon", "walmart", "paypal", "venmo", "cash", "gofundme", "signal"),
        *("telegram", "zoom", "microsoft", "apple", "yahoo", "hotmail", "outlook", "wikipedia"),
        *("jpay", "securus", "gettingout", "vinelink", "linkedin", "reddit", "craigslist"),
        *("snapchat", "univision", "telemundo", "cnn", "nytimes", "change"),
    }
)
_INSTITUTION = re.compile(r"\.(?:gov|gob|edu|mil)(?:\.[a-z]{2})?$", re.IGNORECASE)
_SPOKEN_DOT = r"\s+(?:dot|punto)\s+"
_SPOKEN_SLASH = r"\s+(?:slash|barra|diagonal)\s+"
_SPOKEN_URL = re.compile(
    # "www punto iglesia punto org", "w w w dot x dot com"
    rf"\b(?:www|w\s?w\s?w){_SPOKEN_DOT}[\w-]+(?:{_SPOKEN_DOT}[\w-]+)+"
    rf"(?:{_SPOKEN_SLASH}[\w-]+(?:{_SPOKEN_DOT}[\w-]+)*)*"
    # "facebook punto com barra maria punto lopez", "garcia dot com"
    rf"|\b[\w-]{{3,}}(?:{_SPOKEN_DOT}[\w-]+)*{_SPOKEN_DOT}(?:com|net|org|biz|info)\b"
    rf"(?:{_SPOKEN_SLASH}[\w-]+(?:{_SPOKEN_DOT}[\w-]+)*)*",
    re.IGNORECASE,
)
# Words before "dot com" that are not a site: "the dot com bubble".
_NOT_A_SITE = frozenset({"the", "a", "el", "la", "un", "una", "and", "y"})
# A line that ends inside an address continues on the next one.
_CONTINUES = re.compile(rf"[/=\-?&_%#+]\n[^\S\n]*({_TAIL}+)")
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _trimmed_end(text: str, start: int, end: int) -> int:
    """``end`` without trailing punctuation or a closing bracket the address
    did not open ("(see www.x.org/a)." ends at "a")."""
    while end > start:
        last = text[end - 1]
        if last.isalnum():
            break
        opener = _CLOSERS.get(last)
        if opener is not None and text.count(opener, start, end) >= text.count(last, start, end):
            break
        end -= 1
    return end


def _extended(text: str, start: int, end: int) -> int:
    """Follow an address across a line break after ``/``, ``-``, ``=``..."""
    while (m := _CONTINUES.match(text, end - 1)) is not None:
        end = m.end()
    return end


def _spoken_at_is_email(address: str, provider: str | None) -> bool:
    """With the bare word "at", "juan at gmail", "pedro_88 at hotmail.com" or
    "ana at riseup dot net" are addresses; "works at Yahoo" is an employer and
    "the locator at ice.gov" a site."""
    if provider:
        return provider.lower() not in _EMPLOYERS
    local = re.split(r"\s*\bat\b\s*", address, maxsplit=1, flags=re.IGNORECASE)[0]
    domain = address[len(local) :]
    spoken = re.search(r"\b(?:dot|punto)\b|[(\[{<]", domain, re.IGNORECASE)
    provider_domain = re.search(rf"\bat\s+(?:{_PROVIDERS})\.", domain, re.IGNORECASE)
    return bool(spoken or provider_domain or re.search(r"[._\d]", local))


def _handle_like(text: str, start: int, end: int) -> bool:
    """A space before "@" and none after is a handle after a word
    ("es @lupita_serrano.pa"), not a spaced-out address, unless a mail
    provider follows."""
    at = next((i for i in range(start, end) if text[i] in "@＠"), -1)
    if not (0 < at < end - 1 and text[at - 1] in " \t" and not text[at + 1].isspace()):
        return False
    # "juan perez @gmail.com" is an address whatever the spacing.
    return re.match(_PROVIDERS, text[at + 1 : end], re.IGNORECASE) is None


def _personal(domain: str) -> bool:
    """A bare domain that may be a person's: not an institution's, not a
    site everyone names, and with a letter in it."""
    labels = domain.lower().split(".")
    if _INSTITUTION.search(domain) or not any(ch.isalpha() for ch in labels[0]):
        return False
    return not any(label in _PUBLIC_SITES for label in labels[:-1])


def emails(text: str) -> list[Finding]:
    """E-mail addresses, written, spaced out, bracketed or spoken."""
    found: list[Finding | None] = []
    for pattern in (_EMAIL, _LOOSE_EMAIL, _SPOKEN_EMAIL):
        for m in pattern.finditer(text):
            # "the fundraiser is at gofundme.com/f/x": a web address with a
            # path, where "at" is a preposition (urls() takes the address).
            if text.startswith("/", m.end()):
                continue
            if _handle_like(text, m.start(), m.end()):
                continue
            groups = m.groupdict()
            provider, at = groups.get("provider"), groups.get("at")
            if (
                at
                and at.lower() == "at"
                and not _spoken_at_is_email(m.group(), provider)
                and not _EMAIL_CUE.search(text, max(0, m.start() - 40), m.start())
            ):
                continue
            # "ratio 3 @ 5.com": a written address has a letter before "@".
            if at in ("@", "＠") and not any(
                ch.isalpha() for ch in text[m.start() : m.end()].split(at)[0]
            ):
                continue
            start = m.start()
            # "juan.pe-\nrez@gmail.com": a line wrapped inside the local part.
            if (wrapped := _WRAPPED.search(text, max(0, start - 40), start)) is not None:
                start = wrapped.start()
            elif (
                wrapped := _WRAPPED_AFTER_CUE.search(text, max(0, start - 60), start)
            ) is not None:
                start = wrapped.start(1)
            cue = _CUED_LOCAL.search(text, max(0, start - 60), start)
            # A written address has no spaces in it, unless spaced out by hand.
            if cue is not None and ("@" not in m.group() or " " in m.group()):
                start = cue.start(1)
            found.append(make(text, start, m.end(), "email"))
    # The loose patterns also match a part of a longer address: keep the whole.
    return resolve(f for f in found if f)


def urls(text: str) -> list[Finding]:
    """Web addresses with a scheme, ``www.``, a path, a site cue, or spoken."""
    spans = [m.span() for m in _SCHEME_URL.finditer(text)]
    # "ice.gov/detain/locator" names an agency's page, not a person's.
    spans += [m.span() for m in _PATH_URL.finditer(text) if not _INSTITUTION.search(m.group(1))]
    spans += [m.span(1) for m in _CUED_DOMAIN.finditer(text) if not _INSTITUTION.search(m.group(1))]
    spans += [m.span(1) for m in _BARE_DOMAIN.finditer(text) if _personal(m.group(1))]
    spans += [
        m.span()
        for m in _SPOKEN_URL.finditer(text)
        if m.group().split()[0].lower() not in _NOT_A_SITE
    ]
    found: list[Finding | None] = []
    for start, end in spans:
        end = _trimmed_end(text, start, _extended(text, start, end))
        found.append(make(text, start, end, "url"))
    return resolve(f for f in found if f)
