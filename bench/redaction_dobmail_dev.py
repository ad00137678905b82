"""A dev set for dates of birth, e-mails, SSNs and phones, hand-written for
issue 11's seventh round.

Written by these detectors' author *before* changing them, from the issue's
list of ways people write these details (never from any judge set's text:
only their summaries were seen): web forms and chat text, form rows and
table columns, Spanish labels ("F. de nac.", "FN:"), two-digit years, dates
in words and over line breaks; obfuscated, bracketed, wrapped and header
e-mails; Spanish SSN cues and last-four forms; Mexican, Central American and
Spanish phones with and without cues. Hard negatives: arrest, hearing,
transfer and release dates, case and docket numbers, booking numbers,
prices, times and bed counts.

Two halves: ``dev`` (tuned on) and ``check`` (written at the same time,
before any change, and never tuned on: run it to see whether a change
carries over).

Each line is ``lang|sentence``; ``{{category:value}}`` marks a detail
(categories as :data:`tipline.export.pii.redaction.CATEGORIES`). ``\\n`` is a
line break, ``\\t`` a tab.
"""

from __future__ import annotations

import re
from typing import Any

from marked_text import marked_row

_MARK = re.compile(r"\{\{(\w+):(.+?)\}\}(?!\})", re.S)

DEV_LINES = r"""
en|Date of Birth*: {{dob:03/14/1988}}
en|DOB (mm/dd/yyyy)\n{{dob:07/02/1991}}
en|Birthdate: {{dob:1979-11-30}}
en|birth date - {{dob:Nov 3, 1985}}
en|bday is {{dob:march 4th 90}} lol
en|my b-day's {{dob:june 21}} so he wants a call that day
en|Born: {{dob:12.05.1983}}
en|D.O.B. — {{dob:4th March 1990}}
en|Date and place of birth: {{dob:September 9, 1977}}, Tegucigalpa
en|Year of birth: {{dob:1968}}
en|He was born in {{dob:1992}} and came here as a kid.
en|the detainee (b. {{dob:1987}}) has diabetes
en|age 34 ({{dob:3/4/1990}})
en|Name | DOB | Country\nR. | {{dob:05/17/1986}} | Guatemala
en|Name\tDOB\tA-number\nJ.\t{{dob:10/22/1979}}\tunknown
en|dob: {{dob:030490}}
en|DOB:\n\n{{dob:08/19/1994}}
en|date of birth, as she wrote it on the intake sheet we got yesterday: {{dob:2/9/1981}}
en|Birthday\n{{dob:January 5th, 1993}}
en|DOB {{dob:5 Jan 93}}
en|dob {{dob:1-5-93}}
en|born on the {{dob:fifth of January, nineteen ninety-three}}
en|b-date: {{dob:11/11/1972}}
en|DOB/Age: {{dob:06-06-1966}} / 58
en|Birth Date/Place: {{dob:02/28/1975}}, Chiapas
en|Email: {{email:tomas.reyes88@gmail.com}}
en|contact {{email:jsmith at smith-jones.com}} for the forms
en|email: {{email:o'brien.k@example.com}}
en|DOB: {{dob:03/04/\n1990}}
en|write to me at {{email:kgarza@riseup.net}}.
en|From: Legal Desk <{{email:intake@legalaid-nj.org}}>
en|email is {{email:DANIELA.M@YAHOO.COM}}
en|reach her at {{email:mendoza_l (at) outlook (dot) com}}
en|send it to {{email:r.chavez[at]protonmail[dot]com}}
en|email: {{email:maria[dot]ruiz[at]yahoo[dot]com}}
en|contact: {{email:jpereira at example dot com}}
en|his email: {{email:wsmith at acmeplumbing.com}}
en|my email is {{email:tina+tips@fastmail.co.uk}}, thanks
en|e-mail {{email:ortiz.family@correo.com.mx}}; call after 6
en|Mail me at {{email:b.nguyen2@students.example.edu}} please
en|mailto:{{email:organizer@sanctuary-network.org}}
en|the guard's email was {{email:lt.hawkins@county-sheriff.us}}.
en|email: {{email:carla.\nbenitez@gmail.com}}
en|SSN: {{ssn:412-55-0921}}
en|social security number {{ssn:512 66 7821}}
en|Phone: {{phone:(713) 555-0143}}
en|cell {{phone:646.555.0199}} after 5pm
en|call my sister at {{phone:+52 1 33 1234 5678}}
en|WhatsApp {{phone:+504 9876-5432}}
en|website: {{url:www.casa-libre.org}}
en|see {{url:https://example.org/intake?id=3}}.
en|He was arrested on 03/14/2023 and transferred on 04/02/2023.
en|The hearing is set for June 3, 2024 at 9:30 am.
en|Released 11/02/2022 after posting a $5,000 bond.
en|Case No. 2023-CR-004512, docket 22-4412.
en|Booking #{{id_number:2015-095587}}, bed 14 of 60.
en|Detained since January 2021, deported in March 1999 the first time.
en|The facility holds 1,200 beds and charges $3.50 per minute for calls.
en|Incident 4471-22 was filed 9/18/2023.
en|In 1990 the county signed the 287(g) agreement.
en|She was 34 years old and on 4/12/2024 ICE took her.
en|Her birthday party was raided on 3/4/2024.
en|Call the hotline between 9:00 and 17:00, ext. 204.
es|Fecha de nacimiento: {{dob:14/03/1988}}
es|F. de nac.: {{dob:2-VII-1991}}
es|fecha de nac {{dob:30/11/79}}
es|FN: {{dob:05.12.1983}}
es|nacido el {{dob:4 de marzo de 1990}} en Oaxaca
es|nacida el {{dob:21 de sept. de 1985}}
es|nació en {{dob:1992}} en Usulután
es|nació en {{dob:abril de 1978}}
es|Su cumpleaños es el {{dob:9 de enero}}.
es|tiene 34 años ({{dob:3/4/1990}})
es|Nombre | Fecha de nac. | País\nR. | {{dob:17/05/1986}} | Guatemala
es|fecha de nacimiento:\n\n{{dob:19/08/1994}}
es|Lugar y fecha de nacimiento: Puebla, {{dob:10 de junio de 1969}}
es|nació el {{dob:primero de mayo de mil novecientos setenta}}
es|F. nac. {{dob:12-ago-77}}
es|Fecha de nacimiento (dd/mm/aaaa): {{dob:07 / 02 / 1991}}
es|nac. {{dob:23.05.1978}}
es|cumple 40 años el {{dob:3 de junio}}
es|fecha nac: {{dob:1975-02-28}}
es|Correo: {{email:tomas.reyes88@gmail.com}}
es|nació el {{dob:3 de abril del noventa y dos}}
es|nacido el {{dob:4 marzo}} en Sonora
es|mi correo es {{email:rosa punto lima arroba hotmail punto com}}
es|escríbeme a {{email:lupe_ortega(arroba)yahoo.com.mx}}
es|correo electrónico: {{email:familia.soto@prodigy.net.mx}}
es|su correo {{email:juanc.83 arroba gmail punto es}}
es|correo: {{email:luis{punto}mora{arroba}hotmail{punto}com}} por favor
es|manden todo a {{email:contacto@red-apoyo.es}}.
es|correo {{email:M.SALAS@TELEFONICA.NET}}
es|De: Comité <{{email:comite.defensa@riseup.net}}>
es|Número de seguro social: {{ssn:412550921}}
es|seguridad social {{ssn:512-66-7821}}
es|su social es {{ssn:613 22 9087}}
es|el SS# {{ssn:734-12-5566}}
es|últimos 4 del seguro social: {{ssn:4821}}
es|los últimos cuatro números de su social son {{ssn:0937}}
es|número de seguridad social: {{ssn:598 21 7734}}
es|cel. {{phone:55 1234 5678}}
es|Tel: {{phone:(33) 3615-2290}}
es|whats {{phone:+52 1 55 4321 8765}}
es|wa {{phone:7788-4411}}
es|su celular es {{phone:9988 7766}} (Honduras)
es|móvil {{phone:612 34 56 78}}
es|teléfono fijo: {{phone:91 123 45 67}}
es|llámame al {{phone:612345678}}
es|mi número es el {{phone:7123-4567}}
es|Tel. {{phone:(+52) 81 8345 6789}}
es|marcar al {{phone:+503 7012 3456}} en la noche
es|celular: {{phone:044 55 1122 3344}}
es|cel {{phone:55-12-34-56-78}}
es|número: {{phone:+34 699 12 34 56}}
es|página: {{url:www.defensa-migrante.mx}}
es|Fue arrestado el 14/03/2023 y trasladado el 02/04/2023.
es|La audiencia es el 3 de junio de 2024 a las 9:30.
es|Lo liberaron el 11/02/2022 con una fianza de $5,000.
es|Expediente 2023-CR-004512, causa 22-4412.
es|Número de reserva 2015-095587, cama 14 de 60.
es|Detenido desde enero de 2021; lo deportaron en marzo de 1999.
es|La llamada cuesta 3,50 dólares por minuto y hay 1.200 camas.
es|El 4 de julio de 2023 llegó al centro de detención.
es|La fiesta de cumpleaños fue el 3 de abril y llegó la migra.
es|Tiene 34 años y el 12/04/2024 se lo llevó ICE.
es|Llamen entre las 9:00 y las 17:00 horas.
es|Folio 5567-2023 del 12 de mayo.
"""

CHECK_LINES = r"""
en|DOB:{{dob:09/23/1984}}
en|Date of birth (MM/DD/YYYY): {{dob:12 / 01 / 1978}}
en|birthdate {{dob:Aug 8 1992}}
en|Birthday: {{dob:the 2nd of February}}
en|born {{dob:2-2-88}}, Honduras
en|DOB\n{{dob:1990-07-15}}
en|Date & place of birth: {{dob:March 3, 1969}} / Juárez
en|Year of birth {{dob:1971}}
en|dob - {{dob:july 15th 1990}}
en|DOB.....{{dob:04/04/1974}}
en|(b. {{dob:1983}}) mother of three
en|Name, DOB, Phone\nM., {{dob:03/09/1987}}, {{phone:718-555-0186}}
en|date of birth:\n\n\n{{dob:11-30-1969}}
en|bday {{dob:9/9}}
en|Birth date: {{dob:Oct. 12th, 1982}}
en|she turned 40 on {{dob:May 2}}
en|D.O.B {{dob:7 SEP 1977}}
en|born on {{dob:Saturday, the 4th of May, 1985}}
en|contact him: {{email:MIGUEL_ANGEL77@HOTMAIL.COM}}
en|Reply-To: {{email:tips@justicia-now.org}}
en|email address is {{email:f.okoro at gmail dot com}}
en|email {{email:lr2019 [at] yahoo [dot] com}}
en|you can email {{email:abuse.reports@county.ca.us}}.
en|Her email: {{email:sarah.k-lee@mail.example.co.uk}}
en|email me: {{email:pedro(dot)vasquez(at)gmail(dot)com}}
en|<{{email:volunteer+nj@sanctuaryhub.net}}>
en|SSN {{ssn:219-09-9999}}
en|last four of his social {{ssn:7741}}
en|call {{phone:212 555 0123}}
en|text me {{phone:+1 (917) 555-0154}}
en|The transfer happened on 7/11/2023; next court date 8/1/2023.
en|Docket 21-cv-1234 was dismissed on May 5, 2022.
en|Commissary prices went up to $4.25; lights out at 10:30 pm.
en|A-file review scheduled 10/10/2024, room 214.
en|He has been held 92 days; 40 of 120 beds are full.
en|Arrested 2/2/2020, released 3/3/2020, re-detained 4/4/2021.
en|I turned in the form on 06/01/2024.
es|Fecha de Nac.: {{dob:23/09/1984}}
es|F.N. {{dob:1-XII-1978}}
es|nacida el {{dob:8 agosto 1992}}
es|cumpleaños: {{dob:2 de febrero}}
es|nació el {{dob:2/2/88}} en Honduras
es|Fecha de nacimiento\n{{dob:15-07-1990}}
es|fecha y lugar de nacimiento: {{dob:3 de marzo de 1969}}, Juárez
es|año de nacimiento: {{dob:1971}}
es|nació un {{dob:sábado 4 de mayo de 1985}}
es|Nombre; Fecha de nacimiento; Teléfono\nM.; {{dob:09/03/1987}}; {{phone:55 8765 4321}}
es|fecha de nacimiento:\n\n\n{{dob:30-11-1969}}
es|nacido el {{dob:12 de oct. del 82}}
es|su cumple es el {{dob:9 de sept.}}
es|F. de nacimiento {{dob:7 SEP 1977}}
es|edad: 40, nacido en {{dob:1984}}
es|correo: {{email:MIGUEL_ANGEL77@HOTMAIL.COM}}
es|mándalo a {{email:f.okoro arroba gmail punto com}}
es|correo {{email:lr2019 [arroba] yahoo [punto] com [punto] mx}}
es|Responder a: {{email:denuncias@colectivo-frontera.org.mx}}
es|su e-mail: {{email:ana.belen-ruiz@correo.ugr.es}}
es|el correo es {{email:pedro(punto)vasquez(arroba)gmail(punto)com}}
es|escriban a {{email:apoyo.legal@sindicato.es}}.
es|número del seguro social {{ssn:219099999}}
es|seguro social: {{ssn:219 09 9999}}
es|SS # {{ssn:334-56-7890}}
es|el social de mi esposo es {{ssn:556.12.3344}}
es|últimos 4 dígitos del SSN: {{ssn:7741}}
es|social que termina en {{ssn:2210}}
es|cel {{phone:33 1234 5678}}
es|Cel.: {{phone:+52 1 81 2345 6789}}
es|whatsapp {{phone:5555-6666}} (Guatemala)
es|tel {{phone:2233-4455}}
es|su móvil es {{phone:655 443 322}}
es|tfno. {{phone:93 456 78 90}}
es|llamar al {{phone:+502 4455 6677}}
es|mi cel {{phone:55 4433\n2211}}
es|el número es {{phone:0052 55 1234 5678}}
es|Lo trasladaron el 11/07/2023; la próxima cita en corte es el 01/08/2023.
es|El caso 21-cv-1234 se cerró el 5 de mayo de 2022.
es|En la tienda todo cuesta $4.25; apagan la luz a las 22:30.
es|Lleva 92 días detenido; 40 de 120 camas ocupadas.
es|Arrestado el 2/2/2020, liberado el 3/3/2020.
es|Entregué el formulario el 01/06/2024.
es|Boleta 2019-004411 del 3 de marzo de 2019.
"""


def _read(m: re.Match[str]) -> dict[str, Any]:
    return {"category": m.group(1), "text": m.group(2)}


def load(half: str = "dev") -> list[dict[str, Any]]:
    """The ``dev`` lines (tuned on) or the ``check`` lines (never tuned on)."""
    lines = {"dev": DEV_LINES, "check": CHECK_LINES}[half]
    return [
        marked_row(f"dobmail-{half}-{lang}-{i:03d}", f"dobmail-{half}", lang, marked, _MARK, _read)
        for i, line in enumerate(lines.strip().splitlines())
        for lang, _, marked in [line.partition("|")]
    ]
