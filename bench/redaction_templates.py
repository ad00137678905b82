"""Sentence templates for bench/redaction_sets.py (ours; the values are Faker's).

``{slot}`` marks a value (see ``slot`` and ``neutral`` in redaction_sets.py).
Personal slots: name (not on the people list), pname (on it), first, last,
address, plate, dob, email, spoken_email, handle, phone, ssn, anum, url.
Neutral slots: city, county, jail, agency, date, time, price, beds, small,
case, incident, statute, form, year, company, placename (a listed person's
surname inside a place name), vehicle.

``T_*`` are the tuning templates, ``H_*`` the held-out ones (written at the
same time, before any detector changed; not read while tuning).
"""

from __future__ import annotations

Template = tuple[str, str]  # (style, text)

T_EN: list[Template] = [
    ("letter", "My name is {pname} and I have been held at {jail} since {date}."),
    (
        "letter",
        "They let my cousin {name} go at {time} but two ICE officers were waiting by the gate.",
    ),
    ("letter", "Please send the forms to my mother, she lives at {address}, {city}."),
    ("letter", "If you need to reach my family call {phone}, ask for {first}."),
    ("letter", "I was born {dob} in {city}, and the guards keep saying I am older."),
    ("letter", "My A number is {anum}. I never got a hearing."),
    ("letter", "Write to me here, I am {pname}, bed {beds}, block C.\nThank you,\n{name}"),
    ("letter", "The deputy who signed the {form} was {name}. He laughed about it."),
    ("voicemail", "hi this is {name} calling about my husband, my number is {phone} thank you"),
    (
        "voicemail",
        "yeah so they took him from the courthouse, his date of birth is {dob}, please call back",
    ),
    ("voicemail", "my email is {spoken_email} if that's easier, I work nights"),
    (
        "voicemail",
        "he got picked up outside {address} around {time}, the car was a {vehicle} {plate}",
    ),
    ("note", "Caller's son ({pname}) transferred to {jail}; DOB {dob}; A# {anum}."),
    ("note", "Spoke w/ {name} (sister). Best contact: {email}. Prefers texts to {phone}."),
    ("note", "Vehicle seen at release: white {vehicle}, PA {plate}. Two agents in plain clothes."),
    ("note", "Plates noted by the witness:\n- {plate}\n- {plate}"),
    ("note", "Source works at {company}; asked us not to use her name ({pname}) anywhere."),
    ("note", "SSN given by caller: {ssn} (do not share). Detainee {name}, b. {dob}."),
    ("note", "Family address: {address}. Landlord threatened to call ICE."),
    ("note", "Witness {name} saw the handoff from the sally port, {date}."),
    ("chat", "ok so my IG is {handle} dm me there not here"),
    ("chat", "u can text me {phone} or find me on tiktok {handle}"),
    ("chat", "his facebook {url} has pics of the van"),
    ("chat", "lol its {name} from the 3rd floor, she knows everything"),
    ("chat", "they took {pname} last night!! {jail}"),
    ("chat", "addy is {address} come by after 6"),
    ("form", "Name: {pname}\nDOB: {dob}\nA-Number: {anum}\nFacility: {jail}"),
    ("form", "Contact email: {email}\nPhone: {phone}\nBest time: after {time}"),
    ("form", "LAST, FIRST: {name}\nBooking date: {date}\nCharges: {statute}"),
    ("form", "Home address:\n{address}\n{city}"),
    ("form", "Vehicle: {vehicle}\nTag: {plate}\nColor: silver"),
    ("form", "Social: {ssn}\nBirth date: {dob}"),
    ("letter", "Officer {last} told {name} that {agency} would come for him at {time}."),
    ("letter", "I share a cell with {name}, he is only {small} and scared."),
    ("letter", "My daughter {pname} was born on {dob}; she needs her insulin."),
    ("letter", "You can see the video on {url} before they take it down."),
    ("note", "Lawyer for {name}: reach at {email} or {phone}."),
    ("note", "Detained near {address} on {date}; the {vehicle} had tag {plate}."),
    ("letter", "Sincerely,\n{name}\n{address}"),
    ("chat", "my moms # is {phone}, her name is {first}"),
    ("letter", "The guard {name} took our letters. His truck is a {vehicle}, {plate}."),
    ("note", "Contact via Signal only. Handle {handle}. Alt email {email}."),
]

T_ES: list[Template] = [
    ("letter", "Me llamo {pname} y estoy detenido en {jail} desde {date}."),
    ("letter", "Soltaron a mi primo {name} a las {time} pero la migra lo esperaba en la puerta."),
    ("letter", "Mi familia vive en {address}, en {city}."),
    ("letter", "Pueden llamar a mi esposa al {phone}, pregunten por {first}."),
    ("letter", "Nací el {dob} y los guardias dicen que soy mayor."),
    ("letter", "Mi número de extranjero es {anum}, nunca tuve audiencia."),
    ("letter", "Escríbanme aquí, soy {pname}, cama {beds}.\nGracias,\n{name}"),
    ("letter", "El oficial que firmó la forma {form} se llama {name}."),
    ("voicemail", "hola habla {name}, es sobre mi esposo, mi número es {phone}, gracias"),
    ("voicemail", "se lo llevaron del juzgado, su fecha de nacimiento es {dob}, por favor llamen"),
    ("voicemail", "mi correo es {spoken_email} si es más fácil"),
    ("voicemail", "lo agarraron afuera de {address} como a las {time}, era una {vehicle} {plate}"),
    (
        "note",
        "Hijo de la persona que llamó ({pname}) trasladado a {jail}; f. nac. {dob}; A# {anum}.",
    ),
    ("note", "Hablé con {name} (hermana). Contacto: {email}. Prefiere mensajes al {phone}."),
    ("note", "Vehículo en la liberación: {vehicle}, placas {plate}. Dos agentes sin uniforme."),
    ("note", "Placas que anotó el testigo:\n- {plate}\n- {plate}"),
    ("note", "La fuente trabaja en {company}; pidió que no usemos su nombre ({pname})."),
    ("note", "Seguro social: {ssn} (no compartir). Detenido {name}, nacido el {dob}."),
    ("note", "Domicilio de la familia: {address}. El dueño amenazó con llamar a ICE."),
    ("note", "La testigo {name} vio la entrega desde el estacionamiento, {date}."),
    ("chat", "mi insta es {handle} escríbeme ahí"),
    ("chat", "mándame mensaje al {phone} o búscame en tiktok {handle}"),
    ("chat", "su face {url} tiene fotos de la camioneta"),
    ("chat", "jaja es {name} del segundo piso, ella sabe todo"),
    ("chat", "se llevaron a {pname} anoche!! {jail}"),
    ("chat", "vivo en {address} pasen después de las 6"),
    ("form", "Nombre: {pname}\nFecha de nacimiento: {dob}\nNúmero A: {anum}\nLugar: {jail}"),
    ("form", "Correo: {email}\nTeléfono: {phone}\nMejor hora: después de las {time}"),
    ("form", "APELLIDO, NOMBRE: {name}\nFecha de arresto: {date}\nCargos: {statute}"),
    ("form", "Dirección:\n{address}\n{city}"),
    ("form", "Vehículo: {vehicle}\nMatrícula: {plate}\nColor: gris"),
    ("form", "Seguro social: {ssn}\nNacimiento: {dob}"),
    ("letter", "El oficial {last} le dijo a {name} que {agency} vendría por él."),
    ("letter", "Comparto celda con {name}, tiene apenas {small} años y tiene miedo."),
    ("letter", "Mi hija {pname} nació el {dob}; necesita su insulina."),
    ("letter", "Pueden ver el video en {url} antes de que lo borren."),
    ("note", "Abogada de {name}: {email} o {phone}."),
    ("note", "Detenido cerca de {address} el {date}; la {vehicle} tenía placa {plate}."),
    ("letter", "Atentamente,\n{name}\n{address}"),
    ("chat", "el cel de mi mamá es {phone}, se llama {first}"),
    ("letter", "El guardia {name} se llevó nuestras cartas. Su troca es una {vehicle}, {plate}."),
    ("note", "Contacto solo por Signal. Usuario {handle}. Correo alterno {email}."),
]

H_EN: list[Template] = [
    ("letter", "To whoever reads this: I am {pname}, they moved me from {jail} on {date}."),
    (
        "summary",
        "{name} reported that agents followed her from {address} in a {vehicle} ({plate}).",
    ),
    ("voicemail", "um it's about {first}, she was born in, uh, {dob}, she's at {jail}"),
    ("form", "Detainee: {name}\nAlien #: {anum}\nDOB: {dob}\nHousing: unit {small}"),
    ("chat", "hmu {handle} or {email}"),
    ("note", "Callback {phone} (wife, {first}). Do not leave voicemail."),
    ("letter", "My SSN is {ssn}, they used it to find my work records."),
    ("summary", "Plate {plate} was seen again at {time} near {address}."),
    ("letter", "please help my brother {pname} (b. {dob}), he is diabetic"),
    ("chat", "link to the post: {url}"),
    ("note", "Interviewed {name} and {name} outside {jail}."),
    ("form", "Mailing address: {address}\nEmail: {spoken_email}"),
    ("letter", "Thank you for reading.\n-- {first}"),
    ("summary", "The {vehicle} registered to {name} ({plate}) picked up two men."),
]

H_ES: list[Template] = [
    ("letter", "A quien lea esto: soy {pname}, me trasladaron de {jail} el {date}."),
    (
        "summary",
        "{name} contó que los agentes la siguieron desde {address} en una {vehicle} ({plate}).",
    ),
    ("voicemail", "eh es sobre {first}, ella nació el, este, {dob}, está en {jail}"),
    ("form", "Detenido: {name}\nNúmero A: {anum}\nF. de nacimiento: {dob}\nUnidad: {small}"),
    ("chat", "escríbeme {handle} o {email}"),
    ("note", "Devolver llamada al {phone} (esposa, {first}). No dejar mensaje."),
    ("letter", "Mi número de seguro social es {ssn}, así encontraron mi trabajo."),
    ("summary", "La placa {plate} se vio otra vez a las {time} cerca de {address}."),
    ("letter", "por favor ayuden a mi hermano {pname} (nacido el {dob}), es diabético"),
    ("chat", "el enlace: {url}"),
    ("note", "Entrevisté a {name} y a {name} afuera de {jail}."),
    ("form", "Dirección postal: {address}\nCorreo: {spoken_email}"),
    ("letter", "Gracias por leer.\n— {first}"),
    ("summary", "La {vehicle} a nombre de {name} ({plate}) recogió a dos hombres."),
]

T_NEG_EN: list[Template] = [
    ("note", "Docket {case}: bail set at {price}, hearing {date} at {time}."),
    ("note", "Incident report {incident} lists {small} people moved to {jail}."),
    ("letter", "{jail} has {beds} beds and rents {small} of them to ICE under {statute}."),
    (
        "summary",
        "{county} signed a {statute} agreement in {year}; {agency} picks people up at {time}.",
    ),
    ("note", "Charged under {statute}; case {case}; next date {date}."),
    ("letter", "They held us {small} hours past release. The {form} came at {time}."),
    ("summary", "Commissary prices went up: soup is {price}, a phone call {price}."),
    ("note", "Meeting with {agency} on {date} re: {case}."),
    ("letter", "I was moved from {jail} to {placename} on {date}."),
    ("summary", "The families waited outside {placename} until {time}."),
    ("note", "Sources mention {placename} and {county}; {small} tips since {year}."),
    ("letter", "The {agency} van leaves {city} every Tuesday around {time}."),
    (
        "note",
        "Booking happened {date}; released {date}; detainer {form} on file; incident {incident}.",
    ),
    ("summary", "Between {date} and {date}, {small} people were handed to {agency} at {jail}."),
    ("note", "{statute} and {statute} cited in the complaint ({case})."),
    ("letter", "Bond was {price} and my family paid {price} more in fees."),
    ("summary", "{placename} houses {beds} people; {small} are ICE detainees."),
    ("note", "Court at {time}, room {small}, case {case}."),
    ("letter", "The {company} contract for phone calls at {jail} ends in {year}."),
    ("summary", "{agency} and {agency} met at {placename} on {date}."),
]

T_NEG_ES: list[Template] = [
    ("note", "Expediente {case}: fianza de {price}, audiencia el {date} a las {time}."),
    ("note", "El reporte {incident} dice que {small} personas fueron llevadas a {jail}."),
    ("letter", "{jail} tiene {beds} camas y renta {small} a ICE bajo {statute}."),
    (
        "summary",
        "{county} firmó un acuerdo {statute} en {year}; {agency} recoge gente a las {time}.",
    ),
    ("note", "Acusado bajo {statute}; caso {case}; próxima fecha {date}."),
    (
        "letter",
        "Nos retuvieron {small} horas después de la liberación. "
        "La forma {form} llegó a las {time}.",
    ),
    ("summary", "Subieron los precios de la tienda: la sopa cuesta {price}, una llamada {price}."),
    ("note", "Reunión con {agency} el {date} sobre {case}."),
    ("letter", "Me pasaron de {jail} a {placename} el {date}."),
    ("summary", "Las familias esperaron afuera de {placename} hasta las {time}."),
    ("note", "Las fuentes mencionan {placename} y {county}; {small} reportes desde {year}."),
    ("letter", "La camioneta de {agency} sale de {city} cada martes como a las {time}."),
    (
        "note",
        "Fichado el {date}; liberado el {date}; detainer {form} en el archivo; "
        "incidente {incident}.",
    ),
    (
        "summary",
        "Entre el {date} y el {date}, {small} personas fueron entregadas a {agency} en {jail}.",
    ),
    ("note", "La demanda cita {statute} y {statute} ({case})."),
    ("letter", "La fianza fue de {price} y mi familia pagó {price} más en cuotas."),
    ("summary", "{placename} tiene {beds} personas; {small} son detenidos de ICE."),
    ("note", "Corte a las {time}, sala {small}, caso {case}."),
    ("letter", "El contrato de {company} para llamadas en {jail} termina en {year}."),
    ("summary", "{agency} y {agency} se reunieron en {placename} el {date}."),
]

H_NEG_EN: list[Template] = [
    ("summary", "In {year}, {county} renewed its {statute} deal; {small} transfers a month."),
    ("note", "See {case} and incident {incident}; hearing moved to {date}, {time}."),
    ("letter", "The jail at {placename} charges {price} for a 15 minute call."),
    ("summary", "{agency} held {small} people at {jail} ({beds} beds) on {date}."),
    ("note", "Form {form} served at {time}; {statute} cited."),
    ("summary", "Reports from {placename}, {city} and {county} since {date}."),
]

H_NEG_ES: list[Template] = [
    ("summary", "En {year}, {county} renovó su acuerdo {statute}; {small} traslados al mes."),
    ("note", "Ver {case} e incidente {incident}; audiencia movida al {date}, {time}."),
    ("letter", "La cárcel de {placename} cobra {price} por una llamada de 15 minutos."),
    ("summary", "{agency} retuvo a {small} personas en {jail} ({beds} camas) el {date}."),
    ("note", "Forma {form} entregada a las {time}; se cita {statute}."),
    ("summary", "Reportes de {placename}, {city} y {county} desde el {date}."),
]
