"""A second names dev set: the origins and shapes the untouched sets miss (issue 11, round 7).

Written *before* any detector change of the seventh round, from the lead's
summary of the untouched sets only (never their text): names of origins
with low recall (Vietnamese, Turkish, Igbo, Yoruba, Hausa, Swahili, Pakistani
English, Dutch, names with particles: "van der", "dos", "bin", "al-", "Mc",
"O'"), next to US, Mexican, Spanish and Romanian names; each written in the
shapes people use in tips (a cue before, an age after, "LAST, First" rows, a
form label, a signature block, a chat or call-log speaker, lower case from a
voicemail transcript, capitals, a line break inside the name, "Jr.", a
middle initial, two surnames, hyphens); and hard negatives where the low-
confidence heuristic used to raise false alarms (firms, towns, buildings,
jails named after people, headings, table heads, all-caps lines).

Values come from Faker (test extra); only the generator uses them, never a
detector. Two halves with different templates *and* seeds:

- ``dev`` (``DEV`` templates, seed 7101): may be tuned on;
- ``check`` (``CHECK`` templates, seed 7202): never tuned on; scored as it
  comes out (``python bench/redaction.py --set names7-check``).

Gold: a name span excludes its title ("Sra.", "Dr.") and includes particles,
hyphens, "Jr.", a middle initial and second surnames.
"""

from __future__ import annotations

import random
import re
from typing import Any

from marked_text import splice

#: Origins and their Faker locale; the language they appear in.
ORIGINS = {
    "en": ("vi", "tr_TR", "ig_NG", "yo_NG", "ha_NG", "sw", "en_PK", "nl_NL", "particle",
           "en_US", "ro_RO", "es_MX"),
    "es": ("vi", "tr_TR", "ig_NG", "yo_NG", "ha_NG", "sw", "en_PK", "nl_NL", "particle",
           "es_MX", "es_ES", "ro_RO"),
}  # fmt: skip
_TITLE = re.compile(
    r"^(?:(?:Chị|Ông|Bà|Bác|Anh|Cô|Quý cô|Quý ông|Chief|Dr\.|Mr\.|Mrs\.|Ms\."
    r"|Miss|Yrd\. Doç\.|Doç\.|Prof\.|Öğr\.|Uzm\.|Sr\.|Sra\.|Dn\.|Mx\.)\s+)+"
)
_SUFFIX = re.compile(r",?\s+(?:PhD|MD|DDS|DVM|Jr\.|II|III|IV|V)$")


class Person:
    def __init__(self, first: str, last: str, origin: str, middle: str = "") -> None:
        self.first, self.last, self.origin, self.middle = first, last, origin, middle


def _fakers() -> dict[str, Any]:
    from faker import Faker  # the test extra

    locales = {"vi_VN", "tr_TR", "ig_NG", "yo_NG", "ha_NG", "sw", "en_PK", "nl_NL", "en_US",
               "ro_RO", "es_MX", "es_ES", "pt_BR", "en_IE"}  # fmt: skip
    # Sorted: a set's order changes from run to run, and with it the seeds.
    return {loc: Faker(loc) for loc in sorted(locales)}


def _clean(name: str) -> str:
    return _SUFFIX.sub("", _TITLE.sub("", name)).strip()


def person(rng: random.Random, fk: dict[str, Any], origin: str) -> Person:
    if origin == "vi":
        f = fk["vi_VN"]
        middle = f.middle_name()
        given = f.middle_name().split()[-1]
        p = Person(given, f.last_name(), origin, middle)
        if rng.random() < 0.5:  # US paperwork drops the tone marks
            p = Person(*(_fold(x) for x in (p.first, p.last)), origin, _fold(middle))
        return p
    if origin == "particle":
        kind = rng.choice(("nl", "pt", "ar", "ie", "es", "ar"))
        if kind == "nl":
            f = fk["nl_NL"]
            last = rng.choice(("van der ", "van den ", "van ", "de ", "ter ")) + f.last_name()
            return Person(f.first_name(), last.replace("van van", "van"), origin)
        if kind == "pt":
            f = fk["pt_BR"]
            last = rng.choice(("dos ", "da ", "das ", "do ")) + f.last_name().split()[-1]
            return Person(f.first_name(), last, origin)
        if kind == "ar":
            f = fk["en_PK"]
            join = rng.choice(("bin ", "al-", "Al-", "ibn ", "el-"))
            return Person(f.first_name_male(), join + f.last_name(), origin)
        if kind == "ie":
            f = fk["en_IE"]
            stem = fk["en_US"].last_name()
            return Person(f.first_name(), rng.choice(("Mc", "O'", "Mac")) + stem, origin)
        f = fk["es_MX"]
        return Person(f.first_name(), rng.choice(("de la ", "del ", "de los ")) + f.last_name(),
                      origin)  # fmt: skip
    f = fk[origin]
    first, last = _clean(f.first_name()), _clean(f.last_name())
    if origin in ("es_MX", "es_ES") and rng.random() < 0.5:
        last = f"{last} {_clean(f.last_name())}"
    if origin == "nl_NL" and rng.random() < 0.3:
        last = f"{last}-{_clean(f.last_name())}"
    return Person(first, last, origin)


def _fold(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def form(rng: random.Random, p: Person, shape: str) -> str:
    """One way of writing a person's name."""
    full = f"{p.middle} {p.first}" if p.origin == "vi" and p.middle else p.first
    written = f"{p.last} {full}" if p.origin == "vi" else f"{p.first} {p.last}"
    if shape == "plain":
        return written
    if shape == "initial":
        return f"{p.first} {rng.choice('ABCDEJKLMRST')}. {p.last}"
    if shape == "jr":
        return f"{written} {rng.choice(('Jr.', 'Jr', 'III'))}"
    if shape == "caps_rev":
        return f"{p.last.upper()}, {p.first.upper()}"
    if shape == "rev":
        return f"{p.last}, {p.first}"
    if shape == "caps":
        return written.upper()
    if shape == "lower":
        return written.lower()
    if shape == "first":
        return p.first
    if shape == "last":
        return p.last
    if shape == "break":
        return written.replace(" ", "\n", 1)
    raise ValueError(shape)


# Templates: ``{N}`` a name slot, ``{N:shape}`` with a shape; ``{L}`` a listed
# person (plain). Each template is (lang, text).
DEV = [
    ("en", "Inmate {N} was put in the hole for three days."),
    ("en", "My cousin {N}, age 34, has diabetes and they took his insulin."),
    ("en", "Name: {N}\nHousing: B-pod\nIssue: no mattress"),
    ("en", "{N:caps_rev}    BOOKED 04/11/2024    HOUSING 3B"),
    ("en", "Detainee {N} told the nurse she was pregnant."),
    ("en", "Thank you for listening.\n\n{N}"),
    ("en", "[10:42] {N:first}: they moved everyone to the gym\n[10:43] {N:first}: no blankets"),
    ("en", "voicemail: hi this is {N:lower} calling about my brother he was picked up monday"),
    ("en", "Mr. {N:last} says the guards laugh when people ask for a doctor."),
    ("en", "{N} and {N} were both transferred to the annex last night."),
    ("en", "The officer who hit him was Sgt. Miller; the man hit was {N}."),
    ("en", "Please contact his wife {N} at the shelter."),
    ("en", "{N:initial}, 52, a cook, was arrested at the bus stop."),
    ("en", "Letter from {N}\nto the legal team\nI am writing about my cellmate {N}."),
    ("en", "Witnesses: {N}, {N} and {N}."),
    ("en", "I was with {N:break} when they came."),
    ("en", "Signed,\n{N:jr}\nUnit 4"),
    ("en", "Caller: {N}\nCallback: ask for her sister"),
    ("en", "{N:rev} - medical request denied 3 times"),
    ("en", "{N} said the interpreter never came to the hearing."),
    ("en", "The list of names ICE called: {N:caps}, {N:caps}."),
    ("en", "I talked to {N:lower} yesterday and she is scared."),
    ("en", "They deported {N} without letting him call his lawyer."),
    ("en", "Attorney {L} asked us to document what happened to {N}."),
    ("en", "My name is {N} and I have been here for 9 months."),
    ("es", "El interno {N} lleva tres días sin medicina."),
    ("es", "Mi tía {N}, de 61 años, está en el pabellón C."),
    ("es", "Nombre: {N}\nUnidad: 4\nQueja: no hay agua caliente"),
    ("es", "Hola, soy {N:lower}, llamo por mi hermano que lo detuvieron el lunes"),
    ("es", "La detenida {N} dijo que la golpearon."),
    ("es", "Atentamente,\n{N}"),
    ("es", "[08:15] {N:first}: ya nos cambiaron de celda\n[08:16] {N:first}: no hay cobijas"),
    ("es", "{N:caps_rev}  INGRESO 12/03/2024  CELDA 14"),
    ("es", "Se llevaron a {N} y a {N} en la misma redada."),
    ("es", "Hablé con {N} ayer, dice que el guardia lo amenazó."),
    ("es", "La abogada {L} pidió que anotemos lo que le pasó a {N}."),
    ("es", "Testigos: {N}, {N} y {N}."),
    ("es", "Estaba con {N:break} cuando llegaron."),
    ("es", "El Sr. {N:last} no ha visto a un médico."),
    ("es", "Mi hermano {N:initial} fue trasladado a Texas."),
    ("es", "{N} contó que les dan comida podrida."),
    ("es", "Llamen a su esposa {N} al refugio."),
]
CHECK = [
    ("en", "Client {N} reports no access to a phone for two weeks."),
    ("en", "{N}, 27, was held past his release date."),
    ("en", "INMATE: {N:caps_rev}\nCHARGE: none\nHOLD: ICE"),
    ("en", "From: {N}\nRe: my husband\nThey took him at work."),
    ("en", "Best,\n{N}\n(his sister)"),
    ("en", "{N:first} (9:02 PM): they turned off the water again"),
    ("en", "transcript: yes my name is {N:lower} and i am calling for my son"),
    ("en", "Ms. {N:last} was denied her blood pressure pills."),
    ("en", "{N:rev}\t32\tM\tPod C"),
    ("en", "We spoke to {N} and {N} at the visitation window."),
    ("en", "My neighbor {N:initial} saw the van outside."),
    ("en", "The guard told {N} to shut up or lose his commissary."),
    ("en", "I am {N:jr}, held in unit 2 since March."),
    ("en", "Requested by: {N}\nDate: 11/03"),
    ("en", "Both {N} and her daughter were detained at the checkpoint."),
    ("en", "ask for {N:lower} at the church, she knows"),
    ("en", "Then {N:break} said they would all be deported."),
    ("en", "Names on the roster: {N:caps}; {N:caps}; {N:caps}."),
    ("en", "Officer {L} threatened {N} with solitary."),
    ("en", "{N} has been on hunger strike since Friday."),
    ("es", "Cliente {N} reporta que no le dan el teléfono."),
    ("es", "{N}, de 45 años, sigue detenido sin audiencia."),
    ("es", "De: {N}\nAsunto: mi esposo"),
    ("es", "Saludos,\n{N}\n(su hermana)"),
    ("es", "{N:first} (21:02): otra vez sin agua"),
    ("es", "transcripción: sí me llamo {N:lower} y llamo por mi hijo"),
    ("es", "La Sra. {N:last} no recibe sus pastillas."),
    ("es", "Hablamos con {N} y con {N} en la ventanilla."),
    ("es", "Mi vecino {N:initial} vio la camioneta afuera."),
    ("es", "El guardia amenazó a {N} con el aislamiento."),
    ("es", "Preguntar por {N:lower} en la iglesia"),
    ("es", "Entonces {N:break} dijo que los iban a deportar."),
    ("es", "El oficial {L} amenazó a {N}."),
    ("es", "{N} está en huelga de hambre desde el viernes."),
    ("es", "DETENIDO: {N:caps_rev}\nCARGO: ninguno"),
]
#: Hard negatives: no personal name at all (a name inside an institution,
#: firm, town or building names nobody).
NEG_DEV = [
    ("en", "The Robert A. Deyton Detention Facility stopped visits."),
    ("en", "INCIDENT REPORT\nHOUSING UNIT B\nNO VISITS ON SUNDAY"),
    ("en", "Okafor & Eze LLP filed the motion on Monday."),
    ("en", "They were moved to Adeyemi Hall on the north side."),
    ("en", "The Law Office of Nguyen Tran handles bond cases."),
    ("en", "MEDICAL REQUEST FORM - Grievance Response - Commissary List"),
    ("en", "Bus from Van Buren to Fort Worth takes 4 hours."),
    ("en", "The Joe Corley Processing Center is in Conroe."),
    ("en", "LOCKDOWN ALL DAY. NO RECREATION. WATER SHUT OFF."),
    ("en", "Bed | Pod | Status\n14 | C | Medical\n15 | C | General Population"),
    ("es", "El Centro de Detención Otay Mesa suspendió las visitas."),
    ("es", "AVISO IMPORTANTE\nSIN VISITAS EL DOMINGO"),
    ("es", "El despacho García y Asociados llevó el caso."),
    ("es", "Los pasaron al Edificio Morelos en la calle Juárez."),
    ("es", "Celda | Pabellón | Estado\n3 | B | Aislamiento"),
]
NEG_CHECK = [
    ("en", "The Adelanto ICE Processing Center is run by GEO Group."),
    ("en", "GRIEVANCE FORM\nSECTION A - DETAINEE INFORMATION"),
    ("en", "Ogunleye Brothers Construction employs many of the men."),
    ("en", "The meeting is at the Van der Berg Community Center."),
    ("en", "Stewart Detention Center in Lumpkin, Georgia."),
    ("en", "ALL DETAINEES REPORT TO THE DAY ROOM FOR COUNT"),
    ("en", "Hernandez Family Dental gave free cleanings."),
    ("es", "Los trasladaron al Centro de Procesamiento de Port Isabel."),
    ("es", "REGLAMENTO INTERNO\nHORARIO DE COMIDAS"),
    ("es", "Transportes Ramírez Hermanos lleva a los familiares."),
]

_SLOT = re.compile(r"\{([NL])(?::(\w+))?\}")
SHAPES = ("plain", "plain", "plain", "initial", "caps", "lower", "rev", "jr")


def _fill(
    rng: random.Random, fk: dict[str, Any], lang: str, template: str, rid: str
) -> dict[str, Any]:
    def draw(m: re.Match[str]) -> dict[str, Any]:
        origin = rng.choice(ORIGINS[lang])
        p = person(rng, fk, origin)
        shape = m.group(2) or rng.choice(SHAPES)
        value = form(rng, p, shape)
        listed = m.group(1) == "L"
        if listed:
            value = form(rng, p, "plain")
        return {"category": "name", "text": value, "listed": listed, "origin": origin}

    text, spans = splice(template, _SLOT, draw)
    people = [s["text"] for s in spans if s["listed"]]
    return {"id": rid, "text": text, "spans": spans, "people": people, "lang": lang}


def generate(half: str = "dev", seed: int | None = None) -> list[dict[str, Any]]:
    """Rows of one half; each template drawn several times."""
    rng = random.Random(seed if seed is not None else (7101 if half == "dev" else 7202))
    fk = _fakers()
    for i, f in enumerate(fk.values()):
        f.seed_instance(rng.randrange(10**9) + i)
    templates, negatives = (DEV, NEG_DEV) if half == "dev" else (CHECK, NEG_CHECK)
    rows = []
    for t, (lang, template) in enumerate(templates):
        for k in range(6):
            rows.append(_fill(rng, fk, lang, template, f"n7{half}-{t}-{k}"))
    for t, (lang, template) in enumerate(negatives):
        rows.append({"id": f"n7{half}-neg{t}", "text": template, "spans": [], "people": [],
                     "lang": lang})  # fmt: skip
    for row in rows:
        row["split"] = half
    return rows
