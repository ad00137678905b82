"""Street addresses in Spanish word order, and the Latin American and Spanish shapes.

A street type (the INEGI *tipo de vialidad* and the Spanish *tipo de vía*
lists), a name, then the number: ``calle Juárez 45``, ``Av. Reforma 100``,
``Calle 5 de Mayo 218``, ``Pasaje de Elvira Ribera 37 Piso 3``; US streets in
Spanish word order (``calle Walnut 1084``, ``2107 de la calle Walnut``,
``Ryan Walk número 4616``); Colombian grid addresses (``Cr. 161 # 65-27
Sur``), Guatemalan zones (``25a. avenida 25-44, zona 17``), Honduran
neighbourhoods (``colonia Duarte, bloque 4, casa 2899``); a street with no
type after "lives at" / "vive en" (``Los Robles 1149``). A street named
without a number ("la calle Juárez") is a place, not an address, and stays
readable; so is a jail or a county with a number ("la Cárcel del Condado de
Berks número 3").
"""

from __future__ import annotations

import re

from tipline.export.pii.address_parts import (
    CAP_WORD,
    COUNT_NOUNS,
    COUNT_WORDS,
    HOUSE,
    LOW_WORD,
    UNITS,
    WORD,
    before_story_words,
    starts_with_person,
    with_units,
)
from tipline.export.pii.findings import Finding, make
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import FUNCTION_WORDS, INSTITUTION_WORDS, TITLES, word_set

# INEGI (Mexico) and INE/Catastro (Spain) street types, with common abbreviations.
_STREET_TYPE = (
    r"calle|c\.|avenida|av\.?|avda\.?|boulevard|bulevar|blvd\.?|calzada|calz\.?|camino"
    r"|carretera|privada|priv\.?|callej[óo]n|andador|paseo|prolongaci[óo]n|prol\.?|cerrada"
    r"|ampliaci[óo]n|circuito|circunvalaci[óo]n|continuaci[óo]n|corredor|diagonal|eje\s+vial"
    r"|pasaje|peatonal|perif[ée]rico|retorno|viaducto|acceso|alameda|autov[íi]a|bajada"
    r"|carrera|cuesta|glorieta|plaza|rambla|ronda|traves[íi]a|urbanizaci[óo]n|v[íi]a"
    r"|blv\.?|pasadizo|psje\.?|pje\.?|cda\.?|cerr\.?|pza\.?|plza\.?|ctra\.?|carr\.?|and\."
    r"|ca[ñn]ada|pol[íi]gono|sector|camino\s+real|diag\.?|dg\.?|transversal|tv\.?|vial"
    # Brazil (Correios' types of logradouro), for Brazilian families' addresses.
    r"|rua|travessa|rodovia|estrada|viela|ladeira|pra[çc]a"
)
#: The street types, for a cell under an address header (:mod:`.address_buildings`).
STREET_TYPES = _STREET_TYPE
# Name words: capitalized words, numerals ("5 de Mayo") and the small words
# Spanish street names carry ("de", "del", "la", "los").
_ES_WORD = (
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{1,3}(?:st|nd|rd|th)|\d{1,3}|de|del|la|las|los|y|e|do|da|dos|das)"
)
_ES_NAME = rf"(?:{_ES_WORD}\s+){{1,9}}"
# Spain and Brazil put a comma before the number: "C/ Abad, 156, bajo".
_ES_NAME_COMMA = rf"(?:{_ES_WORD}\s+){{0,8}}{_ES_WORD},?\s+"
_NUMBER_MARK = r"(?i:no\.?|núm\.?|número|numero|n[°º]\.?|#|casa\s*#?)"
# "s/n" (sin número): a house with no number, common in Mexican towns.
_ES_NUMBER = (
    rf"(?:(?:{_NUMBER_MARK}\s*)?\d{{1,5}}(?:-?[A-Za-z])?\b(?:\s(?i:bis)\b)?"
    r"|(?i:s/n|s\.\s?n\.|sin\s+n[úu]mero)(?![\w/]))"
)
# "calle Juárez, 3 de mayo": a date after a street named without its number.
_MONTH = (
    r"(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre)\b"
)
# Mexican addresses may give the inside number bare after the outside one
# ("Callejón Norte Loera 999 498"), at the end of the address.
_INSIDE = (
    r"(?:\s\d{1,5}(?![\w-])(?=\s*(?:[,.;:)\n]|$)|\s+[a-záéíóúñ])"
    rf"(?!\s+{COUNT_WORDS}))?"
)
_SPANISH = re.compile(
    # Spain writes "calle" as "C/", often with no space: "C/Mayor 12".
    rf"(?:\b(?i:{_STREET_TYPE})\s+|\b(?i:c/)\s?){_ES_NAME_COMMA}{_ES_NUMBER}(?!\s+{COUNT_NOUNS}|\s+de\s+{_MONTH})"
    rf"{_INSIDE}{UNITS}"
)
# All in lower case (chat): "calle bennett 1182 segundo piso".
_SPANISH_LOWER = re.compile(
    rf"\b(?:calle|avenida|av\.?|avda\.?|calzada|calz\.?|privada|priv\.?|callej[óo]n|pasaje"
    r"|blvd\.?|bulevar|prol\.?|prolongaci[óo]n|andador|cerrada|cda\.?)\s+"
    rf"(?:{LOW_WORD}\s+){{1,3}}{_ES_NUMBER}{UNITS}"
)
# "2107 de la calle Walnut", "806 de la calle Krystal, depto. 2"
_SPANISH_NUMBER_FIRST = re.compile(
    rf"{HOUSE}[^\S\t]+(?i:de\s+la\s+)?(?i:calle|avenida|av\.)\s+"
    rf"(?:{CAP_WORD}(?:\s+(?:{CAP_WORD}|(?:de|del|la)\b))*|{LOW_WORD}(?:\s+{LOW_WORD})?){UNITS}"
)


# Central and South American shapes:
# Honduras "colonia Duarte, bloque 4, casa 2899"; Guatemala "25a. avenida
# 25-44, zona 17"; Colombia "Calle 21 # 84N-23" ; Chile, Argentina: a street
# with no type but a flat after it ("Los Alerces 544 Dpto. 1147").
_NEIGHBOURHOOD = re.compile(
    r"\b(?i:colonia|col\.|barrio|residencial|urbanizaci[óo]n|lotificaci[óo]n|aldea|reparto"
    r"|rpto\.)\s+"
    r"(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+,?"
    r"(?:\s+(?:(?i:bloque|sector|pasaje|senda|calle|avenida|etapa|manzana|mz\.?)\s+"
    r"(?:\w{1,4}|(?i:principal|central)|[A-ZÁÉÍÓÚÑ][\w'’.-]*)"
    r"|\d{1,2}\s?(?:a|ª|o|º)\.?\s+(?i:calle|avenida)),?){0,2}"
    r"\s+(?i:casa|lote)\s*#?\s*\d{1,5}[A-Za-z]?\b"
)
# Rural Guatemala and Honduras give a home by its village and hamlet, where
# houses have no numbers: "aldea Delgado, caserío La Ceiba". Both together
# name a few dozen houses; either alone is a place and stays readable.
_PLACE_NAME = (
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{1,3})"
    r"(?:\s+(?:(?:de|del|la|las|los|el)\s+)?[A-ZÁÉÍÓÚÑ][\w'’.-]*){0,3}"
)
_VILLAGE = re.compile(
    rf"\b(?i:aldea|cant[óo]n)\s+{_PLACE_NAME},?\s+(?i:caser[íi]o)\s+{_PLACE_NAME}"
    rf"|\b(?i:caser[íi]o)\s+{_PLACE_NAME},?\s+(?i:aldea|cant[óo]n)\s+{_PLACE_NAME}"
)
_ZONE = re.compile(
    r"(?<![\w-])\d{1,2}\s?(?:a|ª|o|º|era|da|ta)?\.?\s+(?i:calle|avenida|av\.?)\s+"
    r"\d{1,3}\s?-\s?\d{1,3}(?:,?\s+(?i:zona)\s+\d{1,2})?\b"
)
_GRID = re.compile(
    r"\b(?i:(?:avenida|av\.?)\s+(?:calle|carrera)|calle|cll?\.?|carrera|cra\.?|cr\.?|kr\.?|avenida|av\.?"
    r"|diagonal|dg\.?|transversal|tv\.?|tr\.?)"
    r"\s+(?:\d{1,3}\s?[A-Za-zª]{0,2}(?:\s?(?i:bis)(?:\s[A-Z]\b)?)?(?:\s+(?i:sur|este|norte|oeste))?"
    r"|(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*\s+){1,4})"
    r"\s*(?:#|(?i:no\.?|n[°º]))\s*\d{1,3}[A-Za-z]{0,2}\s?-\s?\d{1,3}"
    r"(?:\s+(?i:sur|este|norte|oeste))?\b" + UNITS
)
_FLAT_UNIT = (
    r"(?:(?i:dpto|depto|departamento|apto|apartamento|int|interior|piso|casa|oficina)|Of|OF)"
    r"\b\.?\s*#?\s*\w{1,5}"
)
_NO_TYPE = re.compile(rf"\b(?:{CAP_WORD}\s+){{1,3}}\d{{1,5}}[A-Za-z]?,?\s+{_FLAT_UNIT}")
# Spanish speakers name a US street without its suffix: "en la Taylor número
# 2744", "vive en Fuller número 833 apto. 18". The number mark is required.
_NAMED_NUMBER = re.compile(
    r"(?:\b(?i:en\s+la|en|la|de\s+la|de|frente\s+a|domicilio|direcci[óo]n(?:\s+es)?|address)\s*:?\s+"
    r"|\b(?i:calle|street|casa|home|domicilio|direcci[óo]n|address)\s*:\s*)"
    rf"((?!(?i:en|de|la|el|a|al|del)\s)((?:{CAP_WORD}|{LOW_WORD})(?:\s+{CAP_WORD}){{0,2}})\s+"
    # The number is no phone's first group ("nuevo número 1-215-255-5528").
    rf"(?i:número|numero|núm\.?|n[°º]\.?)\s*\d{{1,6}}[A-Za-z]?\b(?![-.]\d){UNITS})"
)
# A street with no type after "lives at" / "vive en": "She lives at Los Robles
# 1149", "Mi mamá vive en Los Tilos 2 y ...".
# Chile and Argentina write most streets with no type, after any cue that
# says an address follows: "Su dirección fue Los Aromos 196", "DOMICILIO:
# LAS ROSAS 2122", "afuera de Arturo Prat 49".
_LIVES_AT = re.compile(
    r"\b(?i:lives?\s+at|living\s+at|stay(?:s|ing)?\s+at|viv(?:e|o|en|imos|ía|íamos|ían)\s+en"
    r"|direcci[óo]n(?:\s+(?:es|era|fue))?\s*:?|domicilio\s*:?|address(?:\s+(?:is|was))?\s*:?"
    r"|(?P<near>afuera\s+de|enfrente\s+de|frente\s+a|outside(?:\s+of)?|in\s+front\s+of))\s+"
    rf"((?:{CAP_WORD}[^\S\n]+){{1,4}}(\d{{1,5}})[A-Za-z]?(?![\w/-])(?!\s+{COUNT_WORDS}){UNITS}"
    # With "de" in the name and a comma before the number, the number must
    # end the address: "vive en Feira de Moura, 93.", "Recanto de Garcia, 14".
    rf"|{CAP_WORD}(?:[^\S\n]+(?:(?:de|do|da|dos|das|del)[^\S\n]+)?{CAP_WORD}){{0,3}},[^\S\n]*"
    rf"(\d{{1,5}})(?![\w/.,-]\w)(?=[^\S\n]*(?:[,.;:)\n]|$|(?:y|and|e)\b)){UNITS})"
)
# Mexican blocks and lots, where streets have no numbers: "Mz 3 Lt 12",
# "Mza. 14 Lote 7", "Manzana 3, Lote 12".
_BLOCK_LOT = re.compile(
    r"\b(?i:mz|mza|manzana)\.?\s?\d{1,4}[A-Za-z]?,?\s+(?i:lt|lte|lote)\.?\s?\d{1,4}[A-Za-z]?\b"
    + UNITS
)
# An address block with a typeless street: the name on the line before, the
# town on the line after ("Margot Saavedra\nLos Robles 1336\nPozo Almonte").
_BLOCK_STREET = re.compile(
    rf"(?<=\n)[^\S\n]*((?:{CAP_WORD}[^\S\n]+){{1,4}}\d{{1,5}}[A-Za-z]?)(?![\w-])[^\S\n]*,?"
    r"(?=\n[^\S\n]*[A-ZÁÉÍÓÚÑ])"
)
_NAME_LINE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*[^\S\n]+){1,4}[A-ZÁÉÍÓÚÑ][\w'’.-]*[^\S\n]*\n$"
)
# ... and the town line under it: capitalized words, a state, a ZIP code, no
# sentence ("Pozo Almonte", "Reading, PA 19601"; not "Thank you for the letter.").
_TOWN_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|de|del|la|las|los|el|y|\d{4,5}(?:-\d{4})?)"
_TOWN_LINE = re.compile(
    rf"\n[^\S\n]*[A-ZÁÉÍÓÚÑ][\w'’.-]*(?:[^\S\n]*,?[^\S\n]+{_TOWN_WORD}){{0,5}}[^\S\n]*(?=\n|$)"
)
# A date or a numbered part of a document on a line of its own is no street:
# "Jose Ramirez\nMarch 3\nI write again", "APPLICANT INFORMATION\nPART 2".
_DATE_OR_PART = re.compile(
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril"
    r"|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles"
    r"|jueves|viernes|s[áa]bado|domingo|part|parte|step|paso|item|question|pregunta|line"
    r"|l[íi]nea|chapter|cap[íi]tulo|article|art[íi]culo|schedule|appendix|anexo|form"
    r"|formulario|volume|vol|tomo|exhibit|page|p[áa]gina|round|ronda|phase|fase)\b\.?\s"
)
# Central America (Nicaragua above all) gives a house by a landmark and the
# blocks or metres from it: "de la iglesia católica 2 cuadras al norte", "del
# parque central 3 c. al sur y 1/2 al este", "de la gasolinera Uno 200 varas
# al lago". Such a reference finds a house as surely as a street and a number
# does, so the whole of it is an address.
_STEP = (
    r"(?:\d{1,4}|1/2|½|media|una|dos|tres|cuatro|cinco)[^\S\n]*"
    r"(?:(?:cuadras?|c\.|varas|vrs\.?|metros|mts?\.?|kil[óo]metros?|km)[^\S\n]+)?"
    r"(?:al|hacia\s+el|para\s+el)\s+"
    r"(?:norte|sur|este|oeste|lago|arriba|abajo|oriente|poniente|montaña|monta[ñn]a)\b"
)
_LANDMARK = re.compile(
    r"\b(?:de\s+la|de\s+los|de\s+las|del|de|from\s+the)\s+(?P<landmark>(?:[\w'’.-]+\s+){1,5}?)"
    r"(?=(?:\d{1,4}|1/2|½|media|una|dos|tres|cuatro|cinco)[^\S\n]*"
    r"(?:cuadras?|c\.|varas|vrs\.?|metros|mts?\.?|kil[óo]metros?|km)\s)"
    rf"{_STEP}(?:,?\s+(?:y\s+)?{_STEP}){{0,3}}",
    re.IGNORECASE,
)
_LANDMARK_UNIT = re.compile(r"(?i:cuadra|c\.|vara|vrs|metro|mts|km|kil)")
_HERE = word_set("ahi alli aqui alla aca there here")
_JAIL_LANDMARKS = word_set(
    "carcel prision penal cereso reclusorio juzgado corte jail prison detencion estacion policia"
)
_OTHER = (_NEIGHBOURHOOD, _VILLAGE, _ZONE, _GRID, _BLOCK_LOT)
_NOT_STREETS = INSTITUTION_WORDS | word_set(
    """
    celda cuarto sala caso expediente unidad modulo pabellon dormitorio cama litera corte
    reo preso interno detenido placa telefono cell room unit pod bed case docket
    dorm tier bunk ward wing floor level section block housing inmate recluso ficha booking
    id tel phone cel celular edad age page pagina exhibit ext grade grado year version
    patrulla camioneta troca carro coche auto vehiculo van truck bus autobus camion vuelo
    flight ruta linea
    """
)
# A unit that the street pattern did not reach ("79 n steven walk trlr 11":


def spanish_addresses(text: str) -> list[Finding]:
    """Addresses of the shapes above in ``text``."""
    found: list[Finding | None] = []
    for pattern in (_SPANISH, _SPANISH_LOWER, _SPANISH_NUMBER_FIRST, *_OTHER):
        for whole in pattern.finditer(text):
            if match := before_story_words(pattern, text, whole):
                found.append(make(text, *with_units(text, match.span()), "address"))
    for match in _LANDMARK.finditer(text) if _LANDMARK_UNIT.search(text) else ():
        # A landmark is a thing ("de la iglesia"), never "de ahí" nor a jail.
        landmark = match.group("landmark")
        first = fold_word(WORD.findall(landmark)[0]) if WORD.findall(landmark) else ""
        words = {fold_word(w) for w in WORD.findall(landmark)}
        if first not in FUNCTION_WORDS and first not in _HERE and not words & _JAIL_LANDMARKS:
            found.append(make(text, *match.span(), "address"))
    for match in _NO_TYPE.finditer(text):
        if not names_an_institution(match.group()):
            found.append(make(text, *match.span(), "address"))
    for match in _LIVES_AT.finditer(text):
        street = text[match.start(2) : match.start(3) if match.group(3) else match.start(4)]
        if not (names_an_institution(street) or _only_near(match)):
            found.append(make(text, *with_units(text, match.span(2)), "address"))
    for match in _BLOCK_STREET.finditer(text):
        name_line = _NAME_LINE.search(text, max(0, match.start() - 60), match.start(1))
        if (
            name_line
            and _TOWN_LINE.match(text, match.end())
            and not (
                names_an_institution(match.group(1))
                or starts_with_person(match.group(1))
                or _DATE_OR_PART.match(match.group(1))
            )
        ):
            found.append(make(text, *with_units(text, match.span(1)), "address"))
    for match in _NAMED_NUMBER.finditer(text):
        name = match.group(2)
        if not (
            names_an_institution(name)
            or name.lower() in FUNCTION_WORDS
            or after_an_institution(text, match.start())
        ):
            found.append(make(text, *with_units(text, match.span(1)), "address"))
    return [f for f in found if f]


def _only_near(match: re.Match[str]) -> bool:
    """ "outside Door 14", "in front of Officer Ramirez 3": a place near which
    something happened needs two name words or a house-sized number to be a
    street ("afuera de Arturo Prat 49"), and is never a titled person."""
    if not match.group("near"):
        return False
    number = 3 if match.group(3) else 4
    name = match.group(2)[: match.start(number) - match.start(2)]
    words = [fold_word(w) for w in WORD.findall(name)]
    if words and words[0] in TITLES:
        return True
    return len(words) < 2 and len(match.group(number)) < 3


def names_an_institution(value: str) -> bool:
    """ "la celda número 14", "Unidad número 4": a room or a case, no street."""
    return any(fold_word(w) in _NOT_STREETS for w in WORD.findall(value))


# The words of a jail, a court or a county, before "de" and the name that
# ends it: "la Cárcel del Condado de Berks número 3", "el penal de Puente
# Grande número 2", "Centro de Detención de York número 2".
_CLAUSE_BEFORE = re.compile(r"[^,;:.()\n]*$")
_JAILS = word_set(
    """
    penal cereso cefereso cefereso reclusorio penitenciaria penitenciario readaptacion
    modulo dormitorio unidad sector area zona pabellon celda procesamiento
    """
)


def after_an_institution(text: str, start: int) -> bool:
    """Whether one of the three words before ``start``, in the same clause,
    names a jail, a court or a county ("Centro de Procesamiento de ...")."""
    before = _CLAUSE_BEFORE.search(text, max(0, start - 50), start)
    words = [fold_word(w) for w in WORD.findall(before.group())] if before else []
    words = [w for w in words if w not in ("de", "del", "la", "el", "los", "las")][-3:]
    return any(w in INSTITUTION_WORDS or w in _JAILS for w in words)
