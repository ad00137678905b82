"""Templates of the fresh evaluation set (bench/redaction_fresh.py).

Written in issue 11's third round before any detector was changed or read.
``{kind}`` is a value, ``{kind#1}`` the same value again, ``{kind:form}`` a way
of writing it:

- people: ``name`` (not on the people list), ``pname`` (on it), ``oname``
  (an officer, guard or lawyer, not listed); forms ``full``, ``two`` (two
  surnames), ``first``, ``last``, ``caps``, ``capstwo``, ``capsrev``
  ("LAST, FIRST"), ``rev``, ``lower``, ``initial``, ``middle``, ``split``
  (over a line break); none draws one at random;
- personal values: ``address`` (``:us`` a US address in Spanish text,
  ``:home`` one in Central America, Mexico or Spain, ``:unit`` always with a
  unit), ``plate``, ``dob`` (``:year``), ``phone`` (``:home``), ``email``
  (``:spoken``), ``handle`` (``:bare`` without "@"), ``url``, ``ssn``,
  ``anum``, ``idnum:KIND`` (dui, dnihn, dpi, curp, dnies, nie, booking,
  inmate, passport, license);
- readable values: the keys of ``NEUTRAL`` and ``date``, ``time``, ``money``,
  ``count``, ``case``, ``incident``, ``zip``, ``year``; ``placename`` (a real
  place holding a word put on the people list as a surname, or with
  ``:given`` as a given name).

Styles: ``caps``, ``lower`` and ``ocr`` restyle the whole rendered text.
"""

from __future__ import annotations

Template = tuple[str, str]  # (style, text)

COMPUTED_NEUTRAL = {"date", "time", "money", "count", "case", "incident", "zip", "year"}

NEUTRAL: dict[str, dict[str, list[str]] | list[str]] = {
    "town": [
        "Norristown",
        "Reading",
        "Kennett Square",
        "Hazleton",
        "Lancaster",
        "Allentown",
        "Vineland",
        "Bridgeton",
        "Camden",
        "Pottstown",
        "Lebanon",
        "York",
        "Chambersburg",
        "Gettysburg",
        "Avondale",
        "Shippensburg",
    ],
    "jail": [
        "Berks County Jail",
        "Moshannon Valley Processing Center",
        "Clinton County Correctional Facility",
        "Pike County Correctional Facility",
        "York County Prison",
        "Delaney Hall",
        "Elizabeth Detention Center",
        "Stewart Detention Center",
        "Otero County Processing Center",
        "Torrance County Detention Facility",
        "Krome",
        "Port Isabel Detention Center",
        "LaSalle ICE Processing Center",
        "Irwin County Detention Center",
        "Buffalo Federal Detention Facility",
    ],
    "agency": [
        "ICE ERO Philadelphia",
        "the Sheriff's Office",
        "CBP",
        "Homeland Security",
        "the state police",
        "PSP Troop J",
        "the DA's office",
        "Pretrial Services",
        "USCIS",
        "la migra",
        "Probation",
        "the Marshals",
    ],
    "vehicle": [
        "Ford F-150",
        "Ram 1500",
        "Chevy Silverado 2500",
        "Honda CR-V",
        "Nissan Altima",
        "Toyota 4Runner",
        "Dodge Charger",
        "Ford Explorer",
        "Jeep Grand Cherokee",
        "Chevy Tahoe",
        "Ford Transit 350",
        "Kia K5",
    ],
    "statute": [
        "18 Pa.C.S. § 2701",
        "75 Pa.C.S. § 1543",
        "287(g)",
        "8 U.S.C. § 1226(a)",
        "8 CFR 287.7",
        "INA § 236",
        "8 U.S.C. 1325",
        "Title 42",
        "Form I-247A",
        "Form I-213",
        "8 U.S.C. § 1357(g)",
        "35 P.S. § 780-113",
    ],
    "beds": {
        "en": [
            "120 beds",
            "Pod C, bed 14",
            "Housing Unit 12",
            "Block D",
            "tier 2",
            "bunk 31",
            "Unit 4 East",
            "dorm 6",
            "cell 3B",
            "about 40 women",
        ],
        "es": [
            "120 camas",
            "el módulo C",
            "la celda 14",
            "el dormitorio 6",
            "unas 40 mujeres",
            "la unidad 4",
            "el pabellón B",
        ],
    },
    "road": [
        "Route 30",
        "I-95",
        "Highway 202",
        "the Turnpike",
        "Route 422",
        "PA-41",
        "US-1",
        "exit 298",
    ],
    "county": [
        "Montgomery County",
        "Chester County",
        "Berks County",
        "Lancaster County",
        "Delaware County",
        "Adams County",
        "Franklin County",
        "Cumberland County",
    ],
}

PLACES_WITH_NAMES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Otero County", "Otero"),
        ("Port Isabel", "Isabel"),
        ("Stewart Detention Center", "Stewart"),
        ("Franklin County", "Franklin"),
        ("Clinton County Correctional Facility", "Clinton"),
        ("Delaney Hall", "Delaney"),
        ("Torrance County", "Torrance"),
        ("Irwin County", "Irwin"),
        ("Santa Rosa Avenue", "Rosa"),
        ("Adams County", "Adams"),
        ("Jackson Memorial Hospital", "Jackson"),
        ("Fort Worth", "Worth"),
        ("Warren County", "Warren"),
        ("Elizabeth Detention Center", "Elizabeth"),
        ("Harris County", "Harris"),
        ("Lawrence Township", "Lawrence"),
    ],
    "es": [
        ("San Pedro Sula", "Pedro"),
        ("Santa Ana", "Ana"),
        ("Hospital Rosales", "Rosales"),
        ("Puerto Cortés", "Cortés"),
        ("Ciudad Hidalgo", "Hidalgo"),
        ("Hospital San Juan de Dios", "Juan"),
        ("Soto del Real", "Soto"),
        ("Villa Nueva", "Nueva"),
        ("San José", "José"),
        ("Otay Mesa", "Mesa"),
        ("Puente Benito Juárez", "Benito"),
        ("Colonia Guadalupe", "Guadalupe"),
        ("Valle de Sula", "Valle"),
        ("Port Isabel", "Isabel"),
    ],
}

# ---- dev half -----------------------------------------------------------------

DEV_EN: list[Template] = [
    (
        "sms",
        "hi this is {name:first} my brother {pname:full} got picked up by ice this morning "
        "outside his job they took his truck too {vehicle} plate {plate} pls call me "
        "{phone}",
    ),
    (
        "sms",
        "ok so the address is {address:unit} and the lady there is {name} she knows "
        "everything. her # is {phone}",
    ),
    (
        "letter",
        "To whoever reads this, my name is {name#1:full} and I am writing from {jail} "
        "I been here 7 months my DOB is {dob} and my A# is {anum} they keep moving me "
        "between pods and nobody tells my family at {address} anything. please write "
        "me. {name#1:first}",
    ),
    (
        "letter",
        "Dear Sirs\nI am {pname#1:capsrev} booking no. {idnum:booking} and I want to "
        "report officer {oname:last} he took our commissary money. my wife is "
        "{name:full} you can reach her on {phone} or email {email}\nGod bless\n-- "
        "{pname#1:first}",
    ),
    (
        "form",
        "NAME: {pname:capsrev}\nDATE OF BIRTH: {dob}\nADDRESS: {address:unit}\n"
        "PHONE: {phone}\nSSN: {ssn}\nA-NUMBER: {anum}",
    ),
    (
        "form",
        "Caller: {name}\nCallback: {phone}\nDetained person: {pname}, DOB {dob}\n"
        "Vehicle: {vehicle}, tag {plate}\nNotes: family says he was held at {jail}.",
    ),
    (
        "voicemail",
        "[voicemail 9:42] yes hi my name is {name:full} um I'm calling about my "
        "cousin {pname:full}, they arrested him at the house on {address} and "
        "took him to {jail}, my number is {phone} again {phone#1} thank you",
    ),
    (
        "chat",
        "[12:01] visitor: they took my dad\n[12:01] visitor: his name is {pname:lower}\n"
        "[12:02] volunteer: where was he stopped?\n[12:03] visitor: on {road} near "
        "{address:unit}, white {vehicle} {plate}",
    ),
    (
        "summary",
        "Reporter (requests no contact except Signal, {handle}) describes a raid at "
        "{address:unit} on {date}. Agents named {oname:last} and {oname:last} entered "
        "without a warrant. Residents: {name}, {name}.",
    ),
    (
        "caps",
        "PLEASE HELP MY SON {pname:full} WAS TAKEN FROM {address:unit} HE WAS BORN "
        "{dob} CALL ME {phone}",
    ),
    (
        "lower",
        "my name is {name:full} and my sister {pname:full} lives at {address:unit} "
        "they came at 5am. you can find me on ig {handle:bare}",
    ),
    (
        "ocr",
        "The undersigned, {pname:full}, born on {dob}, residing at {address:unit}, "
        "states that on {date} deputies of the {county} Sheriff's Office handed her to "
        "ICE. Contact: {email}.",
    ),
    (
        "sms",
        "bro they got {name:first} at the gas station on {road}. the cops ran the plate "
        "{plate} and called ice. his gf {name} has the kids",
    ),
    (
        "letter",
        "Hello, I am writing for my celly {name:full}. he dont speak english. he "
        "was born {dob:year} in Guatemala. his people in {town} are at {address}. "
        "his daughter made a gofundme {url}",
    ),
    (
        "form",
        "Client: {pname:full} | D.O.B. {dob} | Inmate # {idnum:inmate} | A# {anum}\n"
        "Emergency contact: {name:full} ({phone})",
    ),
    (
        "summary",
        "Per {oname:full} (PD), the vehicles were a {vehicle} with PA plate {plate} "
        "and a silver sedan, tag {plate}. Owner of record {name:capsrev}.",
    ),
    (
        "chat",
        "volunteer: can u send his info\nsister: {pname:full}\nsister: dob {dob}\n"
        "sister: passport {idnum:passport}\nsister: my snap is {handle:bare}",
    ),
    (
        "summary",
        "{name:initial} and {name:middle} run a group chat; their tiktok is "
        "{handle} and the fundraiser is at {url}. They want contact by email only: "
        "{email:spoken}.",
    ),
    (
        "letter",
        "I was stopped by trooper {oname:last} on {road}. My drivers license "
        "{idnum:license} and my SSN {ssn} are in the report he wrote. I live at "
        "{address:unit} with my aunt {name:split}.",
    ),
    (
        "voicemail",
        "hey it's {name:first} from the church, the family of {pname:last} moved, "
        "new place is {address:unit}, phone is {phone}, bye",
    ),
]

DEV_ES: list[Template] = [
    (
        "sms",
        "hola soy {name:first} a mi esposo {pname:full} se lo llevo la migra hoy en la "
        "mañana afuera del trabajo, andaba en una {vehicle} placas {plate} porfa llameme "
        "al {phone}",
    ),
    (
        "letter",
        "Querida familia:\nLes escribo desde {jail}. Mi nombre es {name#1:two} y "
        "nací el {dob}. Mi número A es {anum}. Mi mamá vive en {address:home} y su "
        "teléfono es {phone:home}. Los quiere, {name#1:first}",
    ),
    (
        "form",
        "Nombre: {pname:capsrev}\nFecha de nacimiento: {dob}\nDomicilio: {address}\n"
        "Teléfono: {phone}\nCorreo: {email}",
    ),
    (
        "codeswitch",
        "mi primo {pname:two} trabaja en el warehouse en {town}, lo agarraron en "
        "el parking, su troca es una {vehicle} con placas {plate}, vive en "
        "{address}",
    ),
    (
        "voicemail",
        "[buzón 14:05] buenas tardes, habla {name:full}, llamo por mi hermano "
        "{pname:full}, lo detuvieron en {address:unit}, mi cel es {phone}, "
        "gracias",
    ),
    (
        "chat",
        "[10:12] usuaria: se llevaron a mi papá\n[10:12] usuaria: se llama "
        "{pname:lower}\n[10:13] voluntaria: ¿fecha de nacimiento?\n[10:13] usuaria: "
        "{dob}\n[10:14] usuaria: mi insta es {handle:bare}",
    ),
    (
        "sms",
        "la direccion es {address} y ahi vive la señora {name} ella vio todo, su whatsapp {phone}",
    ),
    (
        "letter",
        "Señores de la organización, mi nombre es {pname#1:full}, DUI {idnum:dui}, "
        "estoy detenido desde {date}. El oficial {oname:last} me quitó mis papeles. "
        "Mi esposa {name:full} tiene mi pasaporte número {idnum:passport}.",
    ),
    (
        "form",
        "DATOS DEL DETENIDO\nNombre completo: {pname:capstwo}\nCURP: {idnum:curp}\n"
        "Nacimiento: {dob}\nDirección en EE.UU.: {address:us}",
    ),
    (
        "caps",
        "AYUDA POR FAVOR A MI HIJO {pname:two} SE LO LLEVARON DE {address} NACIÓ EL "
        "{dob} MI NÚMERO {phone}",
    ),
    (
        "lower",
        "soy {name:full}, mi vecino {pname:full} vive en {address:unit}, llegaron a "
        "las 5 de la mañana. me encuentras en face como {url}",
    ),
    (
        "ocr",
        "Yo, {pname:full}, con fecha de nacimiento {dob}, con domicilio en {address}, "
        "declaro que el {date} agentes de {agency} me detuvieron. Correo: {email}.",
    ),
    (
        "summary",
        "La persona que llama ({name:full}) dice que su cuñado {pname:full}, DNI "
        "{idnum:dnihn}, fue trasladado a {jail}. Contacto solo por Signal: "
        "{handle}.",
    ),
    (
        "sms",
        "ya se llevaron a {name:first} en la gasolinera de {road}. la placa de la "
        "camioneta de ice era {plate}",
    ),
    (
        "letter",
        "Estimados, escribo por mi compañero de celda {name:two}, que no sabe "
        "escribir. Nació en {dob:year}. Su familia en {town} está en {address}. Su "
        "hija tiene tiktok {handle}",
    ),
    (
        "form",
        "Cliente: {pname:full} / F. nac.: {dob} / Núm. de reo: {idnum:inmate} / "
        "A#: {anum}\nContacto: {name:full} ({phone})",
    ),
    (
        "summary",
        "Según {oname:full}, los vehículos eran una {vehicle} con placa {plate} y "
        "un sedán gris, matrícula {plate}. Dueño registrado: {name:capsrev}.",
    ),
    (
        "chat",
        "voluntario: me pasas sus datos?\nhermana: {pname:full}\nhermana: NIE "
        "{idnum:nie}\nhermana: correo {email:spoken}",
    ),
    (
        "codeswitch",
        "my tía {pname:full} lives en el {address:us} y su seguro social es "
        "{ssn}, el lawyer {oname:last} dice que hay que mandar todo",
    ),
    (
        "voicemail",
        "oiga, soy {name:first} de la iglesia, la familia de {pname:last} se "
        "mudó, ahora están en {address:unit}, el teléfono es {phone}",
    ),
]

DEV_EN_NEG: list[Template] = [
    (
        "summary",
        "Docket {case} was continued to {date} at {time}; bond was set at {money} under {statute}.",
    ),
    (
        "summary",
        "{county} has had a {statute} agreement since {year}; the jail holds "
        "{count} people in {beds}.",
    ),
    ("sms", "they moved everyone from {jail} to {jail} last night around {time}"),
    (
        "letter",
        "Incident report {incident} says the fight in {beds} started at {time}. "
        "Commissary is {money} a week.",
    ),
    (
        "summary",
        "Transport left {town} on {road} at {time} in a {vehicle}; {count} women were on it.",
    ),
    ("form", "Case: {case}\nCharge: {statute}\nHearing: {date}\nCourtroom 4B"),
    ("caps", "NO MORE ICE IN {county}! RALLY {date} AT {time} IN {town}"),
    ("summary", "Residents near {placename} say ICE vans parked there on {date}."),
    ("lower", "the people at {placename} said visits are {money} and only on {date}"),
    (
        "summary",
        "The {agency} detainer ({statute}) was lodged {date}; ZIP {zip} has "
        "{count} cases this year.",
    ),
]

DEV_ES_NEG: list[Template] = [
    (
        "summary",
        "La audiencia del expediente {case} quedó para {date} {time}; la fianza es "
        "de {money} según {statute}.",
    ),
    (
        "summary",
        "{county} firmó un acuerdo {statute} en {year}; la cárcel tiene {count} "
        "personas en {beds}.",
    ),
    ("sms", "anoche movieron a todos de {jail} a {jail} como {time}"),
    (
        "letter",
        "El reporte {incident} dice que la pelea en {beds} empezó {time}. La tienda "
        "cuesta {money} a la semana.",
    ),
    (
        "summary",
        "El traslado salió de {town} por {road} {time} en una {vehicle}; iban {count} mujeres.",
    ),
    ("caps", "¡FUERA ICE DE {county}! MARCHA EL {date} EN {town}"),
    ("summary", "Vecinos de {placename} dicen que {agency} estuvo ahí {date}."),
    ("lower", "en {placename} dicen que las visitas cuestan {money}"),
    ("codeswitch", "el hearing es {date} {time} en la corte de {town}, el caso {case}"),
    (
        "summary",
        "La orden de {agency} ({statute}) llegó {date}; el código postal {zip} "
        "tiene {count} casos.",
    ),
]

# ---- test half: other templates, run once at the end ----------------------------

TEST_EN: list[Template] = [
    (
        "sms",
        "they just took {pname:first} again!! at {address:unit} the van had plates "
        "{plate} call {name:first} at {phone} shes there now",
    ),
    (
        "letter",
        "Im writing this on the tablet so sorry for spelling. {name#1:full} here, "
        "DOB {dob}, A {anum}, booking {idnum:booking}. my mom {name:full} lives "
        "{address:unit} and her number changed to {phone}. {name#1:first}",
    ),
    (
        "form",
        "Intake #3 — Subject: {pname:caps} / born {dob} / last address {address:unit} "
        "/ SSN {ssn} / cell {phone} / email {email}",
    ),
    (
        "voicemail",
        "yeah this is {name:lower} calling for {pname:lower}, uh, he got stopped "
        "on {road} in his {vehicle}, plate is {plate}, call back {phone}",
    ),
    (
        "chat",
        "<{handle}> saw ice at {address:unit} rn\n<{handle}> they grabbed {name:full}"
        "\n<mod> thanks, stay safe",
    ),
    (
        "summary",
        "Client {pname:rev} (b. {dob}) reports that Deputy {oname:last} and "
        "Sgt. {oname:last} held him past release. His partner {name:middle} "
        "({email}) has the paperwork.",
    ),
    (
        "caps",
        "MY HUSBAND {pname:capsrev} A# {anum} DOB {dob} IS IN {jail} SINCE {date}. I "
        "LIVE AT {address:unit}. {name:caps}",
    ),
    (
        "lower",
        "hi im {name:full}, our neighbor {pname:full} at {address} was taken. the "
        "truck was a {vehicle} tag {plate}. my tiktok is {handle}",
    ),
    (
        "ocr",
        "Affidavit of {pname:full}\nI, {pname#2:full}, born {dob}, of {address:unit}, "
        "say that officers {oname:full} and {oname:full} searched my car, plate {plate}, "
        "without consent.",
    ),
    ("sms", "its {name:first}. new # {phone}. {pname:first} is at the hospital now. fb {url}"),
    (
        "letter",
        "Dear Legal Team, inmate {pname:capsrev} #{idnum:inmate} asks for help. He "
        "has a US passport {idnum:passport} but ICE says no. Send mail to his sister "
        "{name:two}, {address:unit}.",
    ),
    (
        "form",
        "Name (last, first): {pname:rev}\nDOB: {dob}\nStreet: {address}\nTelephone: "
        "{phone}\nInstagram: {handle:bare}",
    ),
    (
        "summary",
        "Witness {name:initial} saw two vehicles outside {address:unit}: a {vehicle} "
        "({plate}) and an unmarked sedan ({plate}). Contact via {email:spoken}.",
    ),
    (
        "voicemail",
        "it's {name:first}, {pname:last}'s wife, they let him call, he said "
        "they're sending him to {jail}, his A number {anum}",
    ),
    (
        "chat",
        "volunteer: what's his info?\nwife: {pname:split}\nwife: born {dob}\nwife: "
        "social {ssn}\nwife: we're at {address:unit}",
    ),
    (
        "letter",
        "my name is {name:full} I am 19 I was born {dob} in Honduras and I have "
        "DNI {idnum:dnihn}. the guard {oname:last} put me in the hole for 9 days. "
        "my aunt is {name:two} phone {phone:home}",
    ),
    (
        "summary",
        "Raid at {address:unit}. Plates on scene: {plate}, {plate}, {plate}. "
        "Landlord {name:capsrev} called it in.",
    ),
    (
        "form",
        "Emergency contact: {name:full} — {phone} — {email}\nDetained: {pname:full} — "
        "DOB {dob} — A# {anum}\nHome: {address:unit}",
    ),
    (
        "sms",
        "its me {name:lower} ur sisters friend, {pname:lower} got picked up from "
        "{address:unit}, his snap is {handle:bare} if u need to reach his gf",
    ),
    (
        "caps",
        "TO THE LAWYER {oname:caps}: I {pname:caps} BORN {dob}, LICENSE {idnum:license}, "
        "WAS STOPPED IN A {vehicle} PLATE {plate}",
    ),
]

TEST_ES: list[Template] = [
    (
        "sms",
        "se llevaron otra vez a {pname:first}!! en {address:unit}, la van tenía placas "
        "{plate}, háblale a {name:first} al {phone} ella está ahí",
    ),
    (
        "letter",
        "Escribo desde la tablet disculpen la ortografía. Soy {name#1:two}, nací el "
        "{dob}, mi A es {anum}. Mi mamá {name:full} vive en {address:unit} y su "
        "número nuevo es {phone}. {name#1:first}",
    ),
    (
        "form",
        "Ficha 3 — Persona: {pname:caps} / nacimiento {dob} / último domicilio "
        "{address} / tel. {phone} / correo {email}",
    ),
    (
        "voicemail",
        "sí, habla {name:lower}, llamo por {pname:lower}, lo pararon en {road} en "
        "su {vehicle}, la placa es {plate}, mi número {phone}",
    ),
    (
        "chat",
        "<{handle}> la migra está en {address} ahorita\n<{handle}> agarraron a "
        "{name:full}\n<mod> gracias, cuídense",
    ),
    (
        "summary",
        "El cliente {pname:rev} (nac. {dob}) dice que el alguacil {oname:last} lo "
        "retuvo después de su salida. Su pareja {name:full} ({email}) tiene los "
        "papeles.",
    ),
    (
        "caps",
        "MI ESPOSO {pname:capsrev} NÚMERO A {anum} NACIÓ EL {dob} ESTÁ EN {jail}. VIVO "
        "EN {address:unit}. {name:caps}",
    ),
    (
        "lower",
        "hola soy {name:full}, a mi vecino {pname:full} de {address} se lo llevaron. "
        "la camioneta era una {vehicle} placas {plate}",
    ),
    (
        "ocr",
        "Declaración de {pname:two}\nYo, {pname#2:full}, nacida el {dob}, con domicilio "
        "en {address:unit}, declaro que los agentes {oname:full} y {oname:full} "
        "revisaron mi carro placa {plate}.",
    ),
    (
        "sms",
        "soy {name:first}, nuevo número {phone}. {pname:first} ya está en el hospital. "
        "su face {url}",
    ),
    (
        "letter",
        "Estimado equipo legal, el interno {pname:capsrev} número {idnum:inmate} pide "
        "ayuda. Tiene DPI {idnum:dpi} y su familia vive en {address:home}. Manden "
        "cartas a su hermana {name:two}, {address:unit}.",
    ),
    (
        "form",
        "Apellido, nombre: {pname:rev}\nFecha de nac.: {dob}\nCalle: {address}\n"
        "Teléfono: {phone:home}\nInstagram: {handle:bare}",
    ),
    (
        "summary",
        "La testigo {name:full} vio dos vehículos frente a {address:unit}: una "
        "{vehicle} ({plate}) y un sedán sin marcas ({plate}). Contacto: "
        "{email:spoken}.",
    ),
    (
        "voicemail",
        "soy {name:first}, la esposa de {pname:last}, lo dejaron llamar, dijo que "
        "lo mandan a {jail}, su número A {anum}",
    ),
    (
        "chat",
        "voluntaria: ¿sus datos?\nesposa: {pname:split}\nesposa: nació {dob}\nesposa: "
        "DNI {idnum:dnies}\nesposa: estamos en {address:unit}",
    ),
    (
        "letter",
        "me llamo {name:full} tengo 19 años nací el {dob} en El Salvador mi DUI es "
        "{idnum:dui}. el guardia {oname:last} me metió al hoyo 9 días. mi tía es "
        "{name:two} tel {phone:home}",
    ),
    (
        "codeswitch",
        "el raid fue en {address:unit}, las placas eran {plate}, {plate}. el "
        "landlord {name:capsrev} llamó a la policía",
    ),
    (
        "form",
        "Contacto de emergencia: {name:full} — {phone} — {email}\nDetenido: "
        "{pname:full} — CURP {idnum:curp} — A# {anum}\nCasa: {address:us}",
    ),
    (
        "sms",
        "soy {name:lower} amiga de tu hermana, a {pname:lower} se lo llevaron de "
        "{address}, su snap es {handle:bare} por si necesitas a su novia",
    ),
    (
        "caps",
        "AL ABOGADO {oname:caps}: YO {pname:capstwo} NACIDO EL {dob} ME PARARON EN UNA "
        "{vehicle} PLACAS {plate}",
    ),
]

TEST_EN_NEG: list[Template] = [
    ("form", "Docket No. {case} | Filed {date} | Statute {statute} | Bail {money}"),
    (
        "summary",
        "Since {year}, {county} detains about {count} people a night for ICE under {statute}.",
    ),
    ("sms", "bus from {jail} left at {time} going up {road}"),
    ("summary", "Per incident {incident}, {beds} was locked down from {time} to {date}."),
    (
        "letter",
        "Phone calls cost {money} for 15 min and the tablet {money}. They feed us at {time}.",
    ),
    ("caps", "KNOW YOUR RIGHTS NIGHT {date} {time} — {town} LIBRARY, ROOM 2"),
    (
        "summary",
        "A {vehicle} and two {vehicle}s from {agency} were parked near "
        "{placename:given} on {date}.",
    ),
    ("lower", "court at {placename} on {date}, case {case}"),
    ("summary", "Form I-213 dated {date} cites {statute}; the ZIP on it is {zip}."),
    ("sms", "{agency} checkpoint at {road} exit, {count} cars stopped since {time}"),
]

TEST_ES_NEG: list[Template] = [
    ("form", "Expediente {case} | Presentado {date} | Ley {statute} | Fianza {money}"),
    (
        "summary",
        "Desde {year}, {county} detiene unas {count} personas por noche para ICE bajo {statute}.",
    ),
    ("sms", "el camión de {jail} salió {time} por {road}"),
    ("summary", "Según el incidente {incident}, {beds} estuvo cerrado {time}."),
    ("letter", "Las llamadas cuestan {money} por 15 minutos. Nos dan de comer {time}."),
    ("caps", "TALLER DE DERECHOS {date} {time} — BIBLIOTECA DE {town}"),
    ("summary", "Una {vehicle} de {agency} estuvo estacionada cerca de {placename:given} {date}."),
    ("lower", "audiencia en {placename} {date}, caso {case}"),
    ("codeswitch", "el formulario I-213 del {date} dice {statute}, el zip es {zip}"),
    ("sms", "retén de {agency} en {road}, {count} carros parados desde {time}"),
]

HALVES = {
    "dev": {
        "positive": {"en": DEV_EN, "es": DEV_ES},
        "negative": {"en": DEV_EN_NEG, "es": DEV_ES_NEG},
    },
    "test": {
        "positive": {"en": TEST_EN, "es": TEST_ES},
        "negative": {"en": TEST_EN_NEG, "es": TEST_ES_NEG},
    },
}
