"""Templates of the independent evaluation set (bench/redaction_indep.py).

Written by a second author before any detector was changed for this set.
``{kind}`` is a value, ``{kind#1}`` the same value again within the text,
``{kind:form}`` a way of writing it:

- people: ``name`` (not on the case's people list), ``pname`` (on it),
  ``uname`` (an officer or lawyer, US names); forms ``full``, ``first``,
  ``last``, ``caps``, ``capsrev`` ("LAST, FIRST"), ``rev``, ``lower``,
  ``initial`` ("J. Okafor"), ``split`` (over a line break), ``firstlast``;
  no form draws one at random;
- personal values: ``address`` (``:home`` for one abroad), ``plate``, ``dob``,
  ``birthyear``, ``phone`` (``:home``), ``email``, ``handle``, ``url``,
  ``ssn``, ``anum``, ``idnum`` (``:cedula``, ``:dni``, ``:rut``);
- readable values: ``town``, ``hometown``, ``jail``, ``agency``, ``vehicle``,
  ``state``, ``date``, ``time``, ``money``, ``count``, ``beds``, ``zip``,
  ``year``, ``case``, ``statute``, ``incident``, ``firm``, ``room``, and
  ``placename`` (a real place or institution holding a name that is put on
  the people list).
"""

from __future__ import annotations

Template = tuple[str, str]  # (style, text)

EN: list[Template] = [
    (
        "summary",
        "The caller, {pname_f#1:full}, says agents took her husband {pname_m#2:full} from the "
        "Walmart lot in {town} on {date}. {pname#2:first} is diabetic and has had no insulin "
        "since.",
    ),
    (
        "summary",
        "{name#1:full} (DOB {dob}) was booked into {jail} after a traffic stop. The family "
        "reached us through {name#2:first}, a cousin.",
    ),
    (
        "letter",
        "Dear friends,\nI write for my bunkie {name_m:full} who cannot read English. His wife "
        "stays at {address}, {town}, PA {zip}. Please tell her he is ok.",
    ),
    (
        "letter",
        "My name is {pname:capsrev} and my alien number is {anum}. I been here {count} months "
        "and never saw a judge.",
    ),
    (
        "form",
        "INTAKE\nName: {pname#1:full}\nDate of Birth: {dob}\nPhone: {phone}\n"
        "Address: {address}\nLanguage: Spanish",
    ),
    ("form", "Detained person: {pname:caps}\nA#: {anum}\nBooking #: {idnum}\nFacility: {jail}"),
    (
        "voicemail",
        "[voicemail 0:48] hi yes this is {name#1:full} calling about my son, he is at {jail} "
        "and they won't let him call, you can reach me at {phone#1}, again {phone#1}, thank you",
    ),
    (
        "chat",
        "[9:14 PM] {handle#1}: they pulled up outside {address} again\n"
        "[9:15 PM] {handle#1}: black {vehicle}, tag {plate}",
    ),
    (
        "email",
        "---------- Forwarded message ---------\nFrom: {name#1:full} <{email}>\n"
        "Subject: my brother\n\nHe was moved on {date}. You can write to him as "
        "{pname:capsrev}, inmate {idnum}.",
    ),
    (
        "note",
        "Call w/ Atty {uname#1:full} re {pname#2:last}: bond hearing {date} at {time}; "
        "{pname#2:last} DOB {dob}.",
    ),
    (
        "summary",
        "A neighbor saw two men in plain clothes put {name:full} into a {vehicle} with "
        "{state} plates ({plate}) at about {time}.",
    ),
    (
        "letter",
        "I was born {dob} in {hometown}. When they arrested me at {address} they wrote my "
        "birthday wrong on the papers.",
    ),
    ("chat", "his insta is {handle} he posted the video there. also fb {url}"),
    (
        "summary",
        "Source wants contact by email only ({email}) or Signal ({handle}). Do not call {phone}.",
    ),
    ("note", "SSN on the release form: {ssn}. Redact before this goes anywhere."),
    (
        "summary",
        "Officer {uname#1:last} of {agency} held {name#2:full} until ICE came; "
        "{uname#1:last} drives a {vehicle}, {state} tag {plate}.",
    ),
    (
        "letter",
        "Please call my mother {pname_f:first} in {hometown}, her number is {phone:home}. "
        "She lives at {address:home}.",
    ),
    (
        "note",
        "Vehicles at the raid:\n1. white Ford Transit, {plate}\n2. {vehicle}, {plate}\n"
        "3. unmarked sedan, no plate seen",
    ),
    (
        "summary",
        "{name#1:full} and {name#2:full} were detained together. {name#1:last} was released on "
        "{money} bond; {name#2:last} is still at {jail}.",
    ),
    (
        "voicemail",
        "yeah hi my name is {name_f:lower} my husband got picked up this morning, his birthday "
        "is {dob}, call me back at {phone}",
    ),
    (
        "letter",
        "The guard who hit him is {uname_m:full}. Everybody here knows him. He said the "
        "{agency} people would take me next.",
    ),
    (
        "form",
        "Client: {pname:rev}\nD.O.B.: {dob}\nSSN: {ssn}\nEmail: {email}\nNotes: prefers texts",
    ),
    (
        "chat",
        "ok so the lady who called is {name_f#1:firstlast}, her daughter {name_f#2:first} is "
        "the one they took. my @ is {handle} if u need me",
    ),
    ("summary", "Per {name:initial}, the transfer bus left {jail} at {time} on {date}."),
    (
        "note",
        "Follow-up: {pname#1:first} moved apartments, new address {address}. Old phone "
        "{phone} is off.",
    ),
    ("letter", "Thank you for everything you do.\nGod bless,\n{name:split}"),
    (
        "summary",
        "Reporter is the landlord of {address}. He says ICE asked him for the tenant's "
        "phone ({phone}) and the tenant's name, {name:full}.",
    ),
    (
        "letter",
        "I wrote down the plate. It was {plate}. Same car came back the next week.",
    ),
    ("chat", "gofundme for {pname:first}: {url} pls share"),
    (
        "form",
        "Household\n- {pname_f#1:full}, mother, born {dob}\n- {pname_m#2:full}, son, born {dob}\n"
        "- {pname_f#3:first}, daughter, age {count}",
    ),
    (
        "summary",
        "{pname_f#1:full} was released from {jail} on {date}. Her A-number, {anum}, is on the "
        "release paper she sent us.",
    ),
    (
        "voicemail",
        "this is {uname:full} from the public defender's office calling about {name:full}, "
        "date of birth {dob}, please call {phone}",
    ),
    (
        "note",
        "Witness {name_m:full} filmed the arrest from his porch at {address}; video at {url}.",
    ),
    (
        "letter",
        "My wife email is {email} and my sister is on facebook as {name:full}. I was born in "
        "{birthyear} so they know I am not a kid.",
    ),
    (
        "summary",
        "The source's brother-in-law, {name_m:caps}, works at {firm} and saw the van ({plate}) "
        "in the loading dock.",
    ),
    ("chat", "snap me {handle} or text {phone}"),
    (
        "letter",
        "My cellie {name_m:full} has a court date on {date}. His lawyer is {uname_f:full} but "
        "she never answer.",
    ),
    (
        "form",
        "Reporting party: {name:full}\nCallback: {phone}\nIncident location: {address}\n"
        "Agency: {agency}",
    ),
    (
        "summary",
        "Family says {pname:last} was picked up at {address} by officers in a {vehicle} "
        "bearing {state} registration {plate}.",
    ),
    (
        "note",
        "{uname:initial} (ERO) told counsel that the detainee, {pname:full}, DOB {dob}, "
        "would be moved within {count} days.",
    ),
]

ES: list[Template] = [
    (
        "summary",
        "Llamó {pname_f#1:full}. Dice que el {date} la migra se llevó a su esposo, "
        "{pname_m#2:full}, afuera del Walmart de {town}. {pname#2:first} es diabético.",
    ),
    (
        "letter",
        "Querida familia:\nLes escribo desde {jail}. Estoy bien. Díganle a {name:first} que me "
        "mande dinero a nombre de {pname:capsrev}, número de reo {idnum}.",
    ),
    (
        "form",
        "DATOS DEL DETENIDO\nNombre completo: {pname:full}\nFecha de nacimiento: {dob}\n"
        "Número A: {anum}\nTeléfono de la familia: {phone}",
    ),
    (
        "chat",
        "[21:14] {handle#1}: ya llegaron otra vez a {address}\n[21:15] {handle#1}: "
        "{vehicle} placas {plate}",
    ),
    (
        "voicemail",
        "nota de voz: hola buenas tardes le habla {name#1:full}, es por mi hijo que está en "
        "{jail}, mi número es el {phone#1}, se lo repito, {phone#1}, gracias",
    ),
    (
        "summary",
        "{name_m#1:full} (nacido el {dob}) fue fichado en {jail} después de una parada de "
        "tráfico. La familia nos contactó por medio de {name_f#2:first}, una prima.",
    ),
    (
        "letter",
        "Me llamo {pname:full}, nací el {dob} en {hometown}. Mi mamá vive en {address:home} y "
        "su teléfono es {phone:home}.",
    ),
    (
        "note",
        "Llamada con la abogada {uname_f#1:full} sobre {pname#2:last}: audiencia de fianza el "
        "{date}; {pname#2:last}, fecha de nac. {dob}.",
    ),
    (
        "summary",
        "Un vecino vio a dos hombres de civil subir a {name:full} a una {vehicle} con placas "
        "de {state} ({plate}) como a las {time}.",
    ),
    ("chat", "su insta es {handle} ahí subió el video. y el face {url}"),
    (
        "summary",
        "La fuente pide contacto solo por correo ({email}) o Signal ({handle}). No llamar al "
        "{phone}.",
    ),
    ("note", "Número de seguro social en la hoja de salida: {ssn}. Tachar antes de compartir."),
    (
        "summary",
        "El oficial {uname#1:last} de {agency} retuvo a {name#2:full} hasta que llegó ICE; "
        "{uname#1:last} maneja una {vehicle}, placa {plate}.",
    ),
    (
        "letter",
        "Mi cédula es {idnum:cedula} y mi número de extranjero {anum}. Mi esposa se llama "
        "{pname_f:full}.",
    ),
    (
        "note",
        "Vehículos en la redada:\n1. van blanca, {plate}\n2. {vehicle}, {plate}\n"
        "3. sedán sin placas",
    ),
    (
        "summary",
        "{name#1:full} y {name#2:full} fueron detenidos juntos. {name#1:last} salió con "
        "fianza de {money}; {name#2:last} sigue en {jail}.",
    ),
    (
        "voicemail",
        "sí hola me llamo {name_f:lower} a mi esposo se lo llevaron hoy en la mañana, su "
        "cumpleaños es el {dob}, llámeme al {phone}",
    ),
    (
        "letter",
        "El guardia que le pegó se llama {uname_m:full}. Todos aquí lo conocen. Dijo que "
        "{agency} me va a llevar a mí también.",
    ),
    (
        "form",
        "Cliente: {pname:rev}\nF. Nac.: {dob}\nSeguro social: {ssn}\nCorreo: {email}\n"
        "Notas: prefiere mensajes",
    ),
    (
        "chat",
        "bueno la señora que llamó es {name_f#1:firstlast}, su hija {name_f#2:first} es a la que "
        "se llevaron. mi usuario es {handle} por si me necesitan",
    ),
    ("summary", "Según {name:initial}, el autobús del traslado salió de {jail} a las {time}."),
    (
        "note",
        "Seguimiento: {pname#1:first} se cambió de casa, nueva dirección {address}. El "
        "teléfono viejo {phone} ya no sirve.",
    ),
    ("letter", "Gracias por todo lo que hacen.\nQue Dios los bendiga,\n{name:split}"),
    (
        "summary",
        "Reporta el dueño de la casa en {address}. Dice que ICE le pidió el teléfono del "
        "inquilino ({phone}) y su nombre, {name:full}.",
    ),
    ("letter", "Anoté la patente. Era {plate}. El mismo carro volvió la semana siguiente."),
    ("chat", "la colecta para {pname:first}: {url} compartan porfa"),
    (
        "form",
        "Familia\n- {pname_f#1:full}, madre, nacida el {dob}\n- {pname_m#2:full}, hijo, nacido el "
        "{dob}\n- {pname_f#3:first}, hija, {count} años",
    ),
    (
        "summary",
        "{pname#1:full} salió de {jail} el {date}. Su número A, {anum}, está en el papel de "
        "salida que nos mandó.",
    ),
    (
        "letter",
        "El correo de mi esposa es {email} y mi hermana está en facebook como {name:full}. "
        "Nací en {birthyear}, no soy menor.",
    ),
    (
        "summary",
        "El cuñado de la fuente, {name_m:caps}, trabaja en {firm} y vio la camioneta "
        "({plate}) en el andén de carga.",
    ),
    ("chat", "mándame mensaje por whatsapp al {phone} o búscame en tiktok como {handle}"),
    (
        "letter",
        "Mi compañero de celda {name_m:full} tiene corte el {date}. Su abogada es "
        "{uname_f:full} pero nunca contesta.",
    ),
    (
        "form",
        "Persona que reporta: {name:full}\nTeléfono: {phone}\nLugar del incidente: {address}\n"
        "Agencia: {agency}",
    ),
    (
        "summary",
        "La familia dice que a {pname_m:last} lo levantaron en {address}; los agentes andaban en "
        "una {vehicle} con matrícula {plate}.",
    ),
    ("note", "DNI de la madre: {idnum:dni}. RUT del hermano: {idnum:rut}. No publicar."),
    (
        "letter",
        "Soy {pname#1:full}, mi hermano {pname_m#2:first} vive en {address} pero no le digan a "
        "nadie. Su celular {phone}.",
    ),
    (
        "voicemail",
        "le llamo de parte de {name:full}, fecha de nacimiento {dob}, está en {jail}, el "
        "número de mi hija es {phone}",
    ),
    (
        "summary",
        "La testigo {name_f:full} grabó el arresto desde su porche en {address}; el video está "
        "en {url}.",
    ),
    ("chat", "su correo es {email} o le escriben al ig {handle}"),
    (
        "note",
        "{uname:initial} (ERO) le dijo a la abogada que el detenido, {pname_m:full}, nacido el "
        "{dob}, sería trasladado en {count} días.",
    ),
]

EN_NEGATIVE: list[Template] = [
    (
        "summary",
        "{jail} holds {beds} people; {count} of its beds are rented to ICE under {statute}.",
    ),
    ("note", "Docket {case}: bail {money}, next listing {date} at {time} in courtroom {room}."),
    ("summary", "Reports from {placename} and {town} since {date}; {count} involved {agency}."),
    ("letter", "They moved us from {jail} to {placename} on {date}. The ride took {count} hours."),
    ("note", "Complaint cites {statute} and {statute}; see {case}."),
    ("summary", "Families wait outside {placename} every Tuesday around {time}."),
    (
        "letter",
        "A phone call costs {money} a minute here and commissary soup is {money}. {count} of us "
        "share one phone.",
    ),
    ("note", "Incident {incident} (report filed {date}); {count} people moved to {jail}."),
    ("summary", "The {vehicle} seen in {town} belongs to {agency}; no plate was recorded."),
    (
        "summary",
        "Vigil planned at {placename} on {date}, {time}. Meet on Martin Luther King Jr. Blvd "
        "by the bus stop.",
    ),
    ("letter", "In {year} the county signed the 287(g) deal. Since then {count} people a month."),
    ("note", "ZIP {zip} has {count} reports this quarter; most mention {agency}."),
    ("summary", "Release happened at {placename} around {time}; {count} people, no paperwork."),
    (
        "note",
        "Court: {case}, Judge's chambers, room {room}. Filing due {date}. Fee {money}.",
    ),
    ("letter", "Sunday mass at {placename} is the only time we see daylight. {count} men go."),
    ("summary", "{agency} and {agency} met at {placename} on {date} to discuss {statute}."),
    ("note", "Transport from {jail} left at {time}; {count} detainees; next run {date}."),
    ("summary", "The {firm} contract for phones at {jail} ends in {year}."),
    ("letter", "We walked from Cecil B. Moore Ave to {placename}. It was {count} degrees."),
    ("note", "Per {statute}, the hold expires after 48 hours. Ours lasted {count} days."),
]

ES_NEGATIVE: list[Template] = [
    ("summary", "{jail} tiene {beds} camas; renta {count} a ICE según {statute}."),
    ("note", "Expediente {case}: fianza {money}, audiencia el {date} a las {time}, sala {room}."),
    ("summary", "Reportes de {placename} y {town} desde el {date}; {count} con {agency}."),
    ("letter", "Nos pasaron de {jail} a {placename} el {date}. El viaje duró {count} horas."),
    ("note", "La demanda cita {statute} y {statute}; ver {case}."),
    ("summary", "Las familias esperan afuera de {placename} cada martes como a las {time}."),
    (
        "letter",
        "Una llamada cuesta {money} aquí y la sopa de la tienda {money}. Somos {count} para un "
        "solo teléfono.",
    ),
    ("note", "Incidente {incident} (reporte del {date}); {count} personas llevadas a {jail}."),
    ("summary", "La {vehicle} que vieron en {town} es de {agency}; nadie anotó la placa."),
    (
        "summary",
        "Vigilia en {placename} el {date} a las {time}. Nos vemos en la calle Benito Juárez, "
        "en la parada del autobús.",
    ),
    ("letter", "En {year} el condado firmó el acuerdo 287(g). Desde entonces {count} al mes."),
    (
        "note",
        "El código postal {zip} tiene {count} reportes este trimestre, casi todos de {agency}.",
    ),
    (
        "summary",
        "La liberación fue en {placename} como a las {time}; {count} personas sin papeles.",
    ),
    ("note", "Corte: {case}, sala {room}. Entregar el {date}. Costo {money}."),
    (
        "letter",
        "La misa del domingo en {placename} es la única vez que vemos el sol. Vamos {count}.",
    ),
    ("summary", "{agency} y {agency} se reunieron en {placename} el {date} sobre {statute}."),
    ("note", "El traslado de {jail} salió a las {time}; {count} detenidos; el próximo el {date}."),
    ("summary", "El contrato de {firm} para los teléfonos de {jail} termina en {year}."),
    ("letter", "Caminamos de la avenida Francisco I. Madero hasta {placename}. Hacía calor."),
    ("note", "Según {statute}, la retención vence a las 48 horas. La nuestra duró {count} días."),
]

#: Real places and institutions that hold a personal name, and that name (a
#: single word gets a first name in front on the people list).
PLACES_WITH_NAMES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Montgomery County", "Montgomery"),
        ("Chester County", "Chester"),
        ("West Chester", "Chester"),
        ("Franklin County", "Franklin"),
        ("Fort Washington", "Washington"),
        ("Thomas Jefferson University Hospital", "Jefferson"),
        ("Lancaster General Hospital", "Lancaster"),
        ("the Clinton County jail", "Clinton"),
        ("Hamilton Township", "Hamilton"),
        ("King of Prussia", "King"),
        ("St. Luke's Hospital", "Luke"),
        ("Mercy Fitzgerald Hospital", "Fitzgerald"),
        ("Einstein Medical Center", "Einstein"),
        ("Temple University", "Temple"),
        ("Wayne County", "Wayne"),
        ("Warren County", "Warren"),
        ("Penn State Health Milton S. Hershey Medical Center", "Hershey"),
        ("Our Lady of Guadalupe Church", "Guadalupe"),
        ("St. Patrick's Church", "Patrick"),
        ("Adams County", "Adams"),
    ],
    "es": [
        ("Ciudad Juárez", "Juárez"),
        ("la Basílica de Guadalupe", "Guadalupe"),
        ("San José", "José Ramírez"),
        ("Santa Rosa", "Rosa"),
        ("el condado de Montgomery", "Montgomery"),
        ("West Chester", "Chester"),
        ("el hospital Thomas Jefferson", "Jefferson"),
        ("la iglesia de San Patricio", "Patricio"),
        ("el condado de Franklin", "Franklin"),
        ("Fort Washington", "Washington"),
        ("la parroquia de Santa Teresa", "Teresa"),
        ("Hidalgo County", "Hidalgo"),
        ("Valle de Santiago", "Santiago"),
        ("el Hospital San Lucas", "Lucas"),
        ("la colonia Morelos", "Morelos"),
    ],
}
