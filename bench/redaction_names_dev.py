"""A dev set for personal names, hand-written for issue 11's sixth round.

Written by the name detectors' author *before* changing them, aimed at what
the untouched sets were reported to miss and to flag (only their summary was
seen, never their text): names of less common origins (West African, Polish,
Vietnamese, Portuguese, Haitian, Mayan, Arabic ...), all-caps and lower-case
names, names in odd sentence shapes; and, as hard negatives, firms made of
surnames, towns ("Port X", "East X"), jails and detention centres named
after people, a month or weekday before a surname. It may be tuned on: it is
dev text, not a judge.

Each line is ``lang|sentence``; ``[Name]`` marks a personal name nobody
listed, ``[[Name]]`` one on the sentence's people list. ``\\n`` is a line break.
"""

from __future__ import annotations

import re
from typing import Any

from marked_text import marked_row

_MARK = re.compile(r"\[\[(.+?)\]\]|\[(.+?)\]", re.S)

LINES = r"""
en|[Chukwuemeka Okafor] was moved to the medical unit on Tuesday.
en|The detainee in bed 14 is [Oluwaseun Adeyemi], a nurse from Lagos.
en|Spoke w/ [Kwabena Asante] again, he says the food is spoiled.
en|Per [Fatoumata Diallo], guards turn the lights on at 3 am.
en|[Mamadou Diop] and [Aminata Touré] were both transferred to Louisiana.
en|Her sister [Ngozi Eze] called the hotline twice.
en|Translator: [Tran Thi Mai]
en|[Nguyen Van Thanh] has not seen a doctor in six weeks.
en|We met [Pham Minh Tuan] in the visiting room.
en|The guard shoved [Le Thi Hoa] against the wall.
en|[Krzysztof Wiśniewski] says the phones have been off since Friday.
en|A woman named [Agnieszka Kowalczyk] wrote to us from the women's pod.
en|[Grzegorz Zielinski] and his cellmate [Vo Quoc Bao] went on hunger strike.
en|[Małgorzata Wójcik] works the night shift at the plant.
en|Statement of [João Gonçalves], taken at the Newark office.
en|[Conceição Ferreira] is the mother of two US citizen children.
en|His lawyer, [Thiago Rodrigues], never returned calls.
en|[Wilner Desrosiers] was picked up outside the laundromat.
en|Contact is [Guerline Joseph], the neighbor upstairs.
en|[Abdoulaye Traoré], 34, has asthma and no inhaler.
en|They took [Moussa Keita] and [Ousmane Sow] in the same raid.
en|[Abdirahman Warsame] asked us to call his wife.
en|[Tesfaye Gebremedhin] was denied a Tigrinya interpreter.
en|[Oleksandr Bondarenko] signed the paper without reading it.
en|The officer told [Rajesh Venkataraman] to sign or stay locked up.
en|[Yaw Owusu] works at the chicken plant with [Kofi Boateng].
en|Message from [Ifeoma Nwosu]: they moved my husband last night.
en|I am writing about my cellmate [Babajide Ogunbanjo].
en|Deputy [Kowalski] refused to give him his medication.
en|Officer [Adebayo] wrote him up for talking.
en|spoke to [okafor] this morning, he is ok
en|my cousin [abdoulaye traore] is in the hole since monday
en|call [fatoumata diallo] at the shelter, she has the papers
en|i talked with [nguyen van thanh] in the yard
en|[DIALLO, FATOUMATA] was booked at 02:15.
en|Detainee: [OKAFOR, CHUKWUEMEKA]
en|[KOWALCZYK, AGNIESZKA] - transferred 11/02
en|INMATE [TRAN THI MAI] REFUSED MEDS
en|[WOJCIK MALGORZATA] was moved to C pod
en|Please help [Chukwuemeka\nOkafor], he is sick.
en|Thank you for everything.\n- [Ngozi]
en|God bless you all,\n[Wilner]
en|Sincerely,\n[Kwabena Asante]
en|-- [Tesfaye]
en|It was [Okafor] who told us about the strike.
en|Ask for Mrs. [Nwosu] at the front desk.
en|[Diallo] said the guards laughed at him.
en|According to [Grzegorz], the heat was off all week.
en|We reached [Thanh] through his brother.
en|Witnesses: [Moussa Keita], [Aminata Touré], [Yaw Owusu].
en|In May [Lopez] was taken from his job.
en|On Monday [Garcia] called the office again.
en|Since March [Oyelaran] has been in segregation.
en|In June [Kwame Mensah] was released on bond.
en|Both [Ana Sousa] and her husband [Rui Sousa] were detained.
en|The hearing for [Dang Van Long] is on the 14th.
en|[Huynh Ngoc Anh] was released after 90 days.
en|[Leonor Vasconcelos] lost her job after the raid.
en|[Baltazar Cux Ajanel] speaks only K'iche'.
en|[Juana Tzoc] was separated from her baby at the border.
en|Okafor & Mensah LLP filed the habeas petition.
en|Whitman, Hale and Porter represents the county.
en|The Garcia Law Group took the case pro bono.
en|Rodriguez & Associates sent a letter to the warden.
en|He was moved to Port Isabel Detention Center last week.
en|She is held at the East Hidalgo Detention Center.
en|The bus went to the Joe Corley Processing Center.
en|Stewart Detention Center is in Lumpkin, Georgia.
en|They drove him to Otero County Processing Center.
en|The family lives in Port Jervis now.
en|The raid happened in East Orange.
en|He works at a warehouse in North Bergen.
en|We drove to West Palm Beach on Sunday.
en|The shelter is in Mount Vernon.
en|The court is in Lake Charles.
en|The T. Don Hutto Residential Center holds women.
en|She was taken to Jackson Memorial Hospital.
en|He was treated at Johns Hopkins.
en|His daughter goes to Lincoln High School.
en|The kids attend Roosevelt Elementary.
en|Sullivan & Cromwell declined to comment.
en|Kirkland & Ellis represents the contractor.
en|He worked for Tyson Foods for ten years.
en|She shops at Harris Teeter on Saturdays.
en|The GEO Group runs the facility under contract.
en|Catholic Charities paid his bond.
en|Martinez Plumbing fired him after the raid.
en|In May Johnson County deputies started honoring detainers.
en|On Friday Stewart staff cancelled all visits.
en|In December Karnes was full.
en|On Tuesday Adelanto stopped legal calls.
en|The Buffalo Federal Detention Facility in Batavia has 650 beds.
en|Moshannon Valley Processing Center opened in 2021.
en|He stayed at the Robert A. Deyton Detention Facility.
en|The David L. Moss Criminal Justice Center is in Tulsa.
en|Calls go through Securus Technologies.
en|The warehouse on Hamilton Avenue was raided.
en|Morgan Stanley and Wells Fargo hold the bonds.
en|The Hernandez Landscaping van was stopped on I-95.
en|Glen Burnie police handed him to ICE.
en|Fort Worth officers held him for 48 hours.
en|The Lopez Tire Shop was closed by agents.
en|Adams County Correctional Center has 2,000 beds.
en|Ernst & Young audited the contract.
es|[Chukwuemeka Okafor] fue trasladado a la enfermería el martes.
es|La señora [Fatoumata Diallo] dice que apagan el agua por la noche.
es|Hablé con [Nguyen Van Thanh], no ha visto a un médico.
es|Mi compañero de celda es [Krzysztof Wiśniewski].
es|[João Gonçalves] firmó la salida voluntaria sin abogado.
es|[Wilner Desrosiers] no habla español ni inglés.
es|[Baltazar Cux Ajanel] solo habla k'iche'.
es|Su esposa, [Conceição Ferreira], vive en Newark.
es|[Juana Tzoc Xicay] fue separada de su bebé.
es|El guardia empujó a [Abdoulaye Traoré] contra la pared.
es|mi primo [moussa keita] lleva tres semanas aislado
es|hable con [tran thi mai] en el patio
es|DETENIDO: [TRAORE, ABDOULAYE]
es|[GONCALVES, JOAO] - trasladado el 02/11
es|Atentamente,\n[Agnieszka Kowalczyk]
es|Gracias por todo.\n- [Ifeoma]
es|Según [Okafor], los guardias se rieron.
es|Fue [Diallo] quien nos avisó de la huelga.
es|En mayo [López] fue detenido en su trabajo.
es|El lunes [Gómez] volvió a llamar.
es|Desde marzo [Oyelaran] está en aislamiento.
es|Testigos: [Moussa Keita], [Aminata Touré], [Yaw Owusu].
es|El agente [Kowalski] no le dio su medicina.
es|[Pham Minh Tuan] y [Huynh Ngoc Anh] fueron liberados.
es|[Tesfaye Gebremedhin] pidió un intérprete de tigriña.
es|Lo llevaron al Centro de Detención de Port Isabel.
es|Está en el centro de detención Joe Corley.
es|La familia vive en Port Jervis.
es|La redada fue en East Orange.
es|Trabaja en una bodega en North Bergen.
es|Lo atendieron en el Hospital Juárez.
es|Su hija estudia en la Escuela Benito Juárez.
es|Okafor y Mensah Abogados presentaron el recurso.
es|El bufete Whitman, Hale y Porter representa al condado.
es|Vive en la colonia Vicente Guerrero.
es|Cruzó por Ciudad Juárez en 2019.
es|En mayo los agentes del condado de Johnson empezaron a colaborar.
es|El viernes el centro Stewart canceló las visitas.
es|Trabajaba para Construcciones Martínez Hermanos.
es|El penal de Santa Martha Acatitla está lleno.
es|El Taller Hernández cerró después de la redada.
es|Lo bajaron en la estación Pino Suárez.
es|Aterrizó en el Aeropuerto Benito Juárez.
es|El Hospital General Manuel Gea González lo atendió.
es|La escuela Miguel Hidalgo queda cerca.
es|Tyson Foods lo despidió después de la redada.
en|[Okafor's] lawyer never called back.
en|[Okafor], [Mensah] and [Diallo] were moved to Texas.
en|[Diallo] was deported on Friday.
en|[Ana dos Santos] and [Rui da Silva] were detained.
en|The detainee, known as “[Chucho]”, was beaten.
en|Write to [Chukwuemeka] at the address below.
en|Yesterday [Adaeze] called crying.
en|[Bartosz] and [Dorota Nowak] live upstairs.
en|Officials told reporters nothing.
en|CoreCivic told us nothing.
en|The Popescu Family Restaurant was raided.
es|Trabajaba en Mudanzas Mensah.
es|[Okafor], [Mensah] y [Diallo] fueron trasladados a Texas.
en|In April [Martinez] got a lawyer.
en|By June [Kowalski] had lost 20 pounds.
en|The law firm Jackson Lewis filed a motion.
en|Attorneys at Fisher Phillips P.C. called.
es|La empresa Martínez Pérez lo contrató.
en|[ŁUKASZ NOWAK] WAS MOVED
en|Per [Łukasz], the food is bad.
en|[Nguyễn Văn An] was beaten.
en|THE DETAINEE HUNGER STRIKE
en|Detainee: [Okafor], [Chukwuemeka]
en|[Mohammed bin Rashid] was held.
en|[Omar el-Sayed] was held.
"""

CHECK_LINES = r"""
en|[Emeka Nwachukwu] was taken from the bus station in Dallas.
en|We received a letter from [Adaeze Okonkwo] on Thursday.
en|[Kwadwo Antwi] has a broken wrist that was never set.
en|His wife [Akua Mensah] is eight months pregnant.
en|The man in the next cell, [Sekou Camara], coughs blood.
en|Officer [Brzezinski] took his Bible away.
en|[Bartosz Nowakowski] was detained at a check-in.
en|The interpreter was [Dorota Szymańska].
en|[Hoang Thi Lan] and her son were released at night.
en|Bond was set at $15,000 for [Truong Van Duc].
en|[Sebastião Moreira] fell in the shower and hit his head.
en|They would not let [Graça Pimentel] see her lawyer.
en|[Fabiola Saint-Fleur] was deported to Port-au-Prince.
en|Please call [Jean-Robert Lafontant] back.
en|The officer asked [Hamid Karimi] about his religion.
en|[Samira Haddad] lost her glasses in the transfer.
en|I share a cell with [Dawit Haile] and [Yonas Tekle].
en|[Xochitl Ajpop] speaks Kaqchikel and a little Spanish.
en|[Florin Popescu] says the guards take commissary.
en|[Giorgi Beridze] is on a hunger strike, day 9.
en|Per [Szymańska], the count was wrong again.
en|According to [Nwachukwu], the water smells of sewage.
en|Since April [Antwi] has been denied medical care.
en|On Sunday [Camara] was moved to Louisiana.
en|[antwi] said call his brother
en|pls call [akua mensah] she has his papers
en|my husband [emeka nwachukwu] has been there 3 months
en|talked to [dawit haile] today he is ok
en|NAME: [NWACHUKWU, EMEKA]
en|[POPESCU, FLORIN] DOB withheld
en|DETAINEE [SEKOU CAMARA] TRANSFERRED
en|Love always,\n[Akua]
en|Stay strong,\n[Dawit]
en|Thanks again\n-- [Giorgi]
en|The report was written by [Haddad].
en|Ask [Bartosz] about the night shift.
en|Witness: [Hoang Thi Lan]
en|Nwachukwu & Okonkwo PLLC took the case.
en|Mensah Brothers Trucking employed him for years.
en|He bought food at Nowak Deli every day.
en|The Popescu Family Restaurant was raided.
en|She cleaned offices for Haddad Properties.
en|Kowalski Roofing fired everyone without papers.
en|He was held at the Glades County Jail.
en|The transfer went through Alexandria Staging Facility.
en|The Krome Service Processing Center is near Miami.
en|They moved her to the Irwin County Detention Center.
en|The bus stopped in Port Arthur.
en|They live in East Hartford.
en|The raid was in South Gate.
en|He works in West New York.
en|The church in Lake Worth hid them.
en|In April Harris County changed its policy.
en|On Wednesday Torrance County had a lockdown.
en|In August Otay Mesa stopped visits.
en|The Jefferson Parish Sheriff's Office holds ICE detainees.
en|The Richwood Correctional Center is in Monroe.
en|Winn Correctional Center has had two deaths.
en|His kids go to Washington Elementary.
en|The Carver Middle School counselor called.
en|She is at Mount Sinai Hospital.
en|He was seen at Ben Taub Hospital.
en|Bank of America closed his account.
en|Perdue Farms laid off the whole shift.
en|Koch Foods was raided in 2019.
es|[Emeka Nwachukwu] fue detenido en la estación de autobuses.
es|Recibimos una carta de [Adaeze Okonkwo] el jueves.
es|[Kwadwo Antwi] tiene la muñeca rota.
es|Su esposa [Akua Mensah] está embarazada.
es|El oficial [Brzezinski] le quitó la Biblia.
es|[Hoang Thi Lan] y su hijo salieron de noche.
es|[Sebastião Moreira] se cayó en la regadera.
es|No dejaron que [Graça Pimentel] viera a su abogado.
es|[Fabiola Saint-Fleur] fue deportada a Haití.
es|Según [Nwachukwu], el agua huele mal.
es|Desde abril [Antwi] está aislado.
es|mi esposo [emeka nwachukwu] lleva 3 meses ahí
es|hablé con [dawit haile] hoy, está bien
es|NOMBRE: [NWACHUKWU, EMEKA]
es|Con cariño,\n[Akua]
es|Testigo: [Hoang Thi Lan]
es|[Xochitl Ajpop] habla kaqchikel.
es|Lo detuvieron junto con [Florin Popescu].
es|Nwachukwu y Okonkwo Abogados llevan el caso.
es|Trabajaba en Mudanzas Mensah.
es|Compraba comida en la Panadería Nowak.
es|Lo llevaron al Centro de Procesamiento Krome.
es|Está en la cárcel del condado de Glades.
es|La familia vive en East Hartford.
es|La redada fue en South Gate.
es|En abril el condado de Harris cambió su política.
es|El miércoles Torrance tuvo un cierre.
es|Sus hijos van a la Escuela Washington.
es|Lo atendieron en el Hospital Ben Taub.
es|Trabajó en Granjas Perdue.
"""

#: Written after the dev and check changes and scored once, for the report.
FINAL_LINES = r"""
en|[Cheikh Ndiaye] was arrested at a traffic stop near the mall.
en|The woman in bunk 7 is [Marguerite Nkemdirim], she is from Cameroon.
en|[Jean-Claude Mbemba] has not had his blood pressure pills.
en|His brother [Maricel Dizon]... sorry, his sister, called again.
en|[Jae-won Park] was held for two days without food.
en|We talked to [Liang Wei] through a Mandarin interpreter.
en|[Mohammed Rahman] works at the car wash on Route 9.
en|Guards put [Ionuț Stanciu] in the hole for a week.
en|[Arben Hoxha] says the phones cost $3 a minute.
en|[Vitória Nascimento] and her baby were released on Monday.
en|Bond for [Djibril Sarr] was set at $8,000.
en|[Nadège Célestin] only speaks Kreyòl.
en|Officer [Wróblewski] called him a name.
en|According to [Ndiaye], they sleep on the floor.
en|On Thursday [Mbemba] was moved again.
en|In July [Hoxha] was denied a hearing.
en|[Rahman's] wife has not heard from him.
en|please call [liang wei] his phone died
en|my uncle [cheikh ndiaye] is still there
en|i spoke with [djibril sarr] last night
en|DETAINEE NAME: [STANCIU, IONUT]
en|[NASCIMENTO, VITORIA] - RELEASED
en|With love,\n[Nadège]
en|Thank you,\n[Arben Hoxha]
en|Ask for Ms. [Dizon] at the clinic.
en|Sarr & Ndiaye LLC employed both men.
en|Hoxha Construction lost half its crew in the raid.
en|He bought the phone at Rahman Wireless.
en|The Park Family Laundromat was closed.
en|She is held at the Caroline Detention Facility.
en|They moved him to the Winn Correctional Center.
en|The hearing is at the Elizabeth Detention Center.
en|He was born in Port-au-Prince.
en|They live in East Boston.
en|He works in North Plainfield.
en|On Monday Essex County stopped the contract.
en|In March Bergen County ended its deal.
en|Her son goes to Hamilton High School.
en|The Mercy Hospital nurse called us.
en|He was treated at St. Barnabas Medical Center.
es|[Cheikh Ndiaye] fue arrestado en un retén.
es|[Jean-Claude Mbemba] no ha recibido sus pastillas.
es|Hablamos con [Liang Wei] con un intérprete.
es|[Vitória Nascimento] y su bebé salieron el lunes.
es|Según [Ndiaye], duermen en el piso.
es|El jueves [Mbemba] fue trasladado otra vez.
es|mi tío [cheikh ndiaye] sigue ahí
es|hablé con [djibril sarr] anoche
es|NOMBRE DEL DETENIDO: [STANCIU, IONUT]
es|Con cariño,\n[Nadège]
es|El oficial [Wróblewski] lo insultó.
es|Sarr y Ndiaye Abogados llevan el caso.
es|Trabajaba en Construcciones Hoxha.
es|Compró el teléfono en Celulares Rahman.
es|Está en el Centro de Detención Caroline.
es|Viven en East Boston.
es|El lunes el condado de Essex terminó el contrato.
es|Su hijo va a la Escuela Hamilton.
es|Lo atendieron en el Hospital Mercy.
"""


def _read(m: re.Match[str]) -> dict[str, Any]:
    # "[[x]]" is on the people list, "[x]" is not.
    listed = m.group(1) is not None
    return {"category": "name", "text": m.group(1) or m.group(2), "listed": listed}


def load(half: str = "dev") -> list[dict[str, Any]]:
    """The ``dev`` lines (tuned on), the ``check`` lines (written after the
    first changes to see whether they carry over, then tuned on) or the
    ``final`` lines (written last, scored once, never tuned on)."""
    lines = {"dev": LINES, "check": CHECK_LINES, "final": FINAL_LINES}[half]
    rows = []
    for i, line in enumerate(lines.strip().splitlines()):
        lang, _, marked = line.partition("|")
        row_id = f"names-{half}-{lang}-{i:03d}"
        rows.append(marked_row(row_id, "names-dev", lang, marked, _MARK, _read))
    return rows
