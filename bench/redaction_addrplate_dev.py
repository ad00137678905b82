"""A dev set for street addresses and licence plates, hand-written for issue 11's seventh round.

Written by the address and plate detectors' author *before* changing them,
aimed at the shapes the untouched sets were reported to miss (only their
summary was seen, never their text): units in every position, less common
USPS suffixes, rural routes and highways, numbered and fractional streets,
ALL CAPS and lower case, addresses split over lines or in forms and tables;
Mexican, Spanish and Central American shapes; plates of US states, Mexico,
Spain and Central America with their cue on the line before, in a table
header, in a list, around a vehicle's make, model, year and colour. Hard
negatives: case, docket and booking numbers, statutes, dates, times,
prices, bed counts, rooms, pods and bunks, flights, ZIP codes alone, jails,
counties, agencies and buildings, roads named without a house.

Two halves: ``dev`` may be tuned on; ``check`` is written at the same time,
with other wording, and only its summary is ever looked at.

Each line is ``lang|sentence``; ``{a|...}`` marks an address, ``{p|...}`` a
plate. ``\\n`` is a line break.
"""

from __future__ import annotations

import re
from typing import Any

from marked_text import marked_row

_MARK = re.compile(r"\{([ap])\|(.+?)\}", re.S)
_CATEGORY = {"a": "address", "p": "plate"}

LINES = r"""
en|My mom lives at {a|4417 Summit Ridge Way, Apt 1R} in Reading.
en|They raided {a|2209 Larkspur Ways Unit 12} around 5 am.
en|Send it to {a|88 Mill Pond Trl, Lot 14} please.
en|He stays at {a|301 Cedar Ct Trlr 7} with his uncle.
en|The office is {a|2200 Harbor Blvd Bldg C}, not the warehouse.
en|Her address: {a|1520 N. Elm St. SE, Ste 300}
en|ICE came to {a|19 Birch Ave #4} twice this week.
en|We live at {a|123 1/2 W 23rd St}, the back house.
en|His sister is at {a|45-12 Queens Blvd, 2nd floor}.
en|Mail goes to {a|RR 2 Box 40}, Kutztown.
en|The trailer park is at {a|12345 Hwy 99}, space 3 is his.
en|Farm house at {a|4410 County Road 12}, past the church.
en|He rents {a|Apt 3B, 710 Locust Street} from a cousin.
en|{a|Unit 12 - 45 Oak Ave} is where they took him from.
en|ADDRESS: {a|4417 SUMMIT RIDGE WAY APT 1R}
en|my brother lives on {a|77 e taylor ct apt 25r} call him
en|they parked outside {a|560 walnut st} all night
en|Please write to me at:\n{a|1903 Chestnut Hill Rd\nApt 2}\nPottstown PA 19464
en|Her aunt, {a|600 Greenwood Ave}, Reading, PA 19601-1234, has the kids.
en|He lives at {a|1400 Oak St NW} near the school.
en|The agents went to {a|500 W. 5th Ave.} first.
en|Address: {a|22 Linden Pl}\nCity: Allentown\nState: PA
en|Name | Address | Phone\nTenant | {a|18 Oak Ln Apt 3} | none
en|They found him at {a|3rd floor of 455 Cherry Street}.
en|She moved to {a|9 Summit Ter Apt 4} last spring.
en|His house is {a|1200 S Pine Knoll Dr}.
en|Lives in the basement at {a|32 Fairview Ave, Bsmt}.
en|{a|PO Box 112}, Hamburg PA
en|The landlord owns {a|1011 Spring Garden St, Apt 2F} and the lot next door.
en|Pick up at {a|740 Penn Ave Rear}, the door by the alley.
en|We met at {a|58 Union Sq, Suite 5}.
en|The house at {a|3302 Meadow Crossing} was empty when they came.
en|Last known address {a|17 Cherry Hill Extension}.
en|he lives at {a|5 Orchard Heights}, the yellow house
en|THEY ARRESTED HIM AT {a|2100 N 9TH ST APT 3} ON MONDAY
en|Her address is {a|8807 Old Post Rd, Apartment 6}.
en|{a|Apartment 4\n212 Cotton St}\nReading, PA
en|He used to live at {a|990 Mission Blvd, Space 22}.
en|Moved to {a|14 Bay View Cir} in March.
en|The van sat in front of {a|415 Elm Row} for an hour.
en|Booking No. 2015-095587 was entered at 10:45 pm.
en|Case No. CP-06-CR-0001234-2019 is set for trial.
en|He was charged under 18 Pa.C.S. § 5104 and held on $1,500 bail.
en|The county signed a 287(g) agreement in 2019.
en|Berks County Jail has 120 beds in the women's unit.
en|He is in Room 214, Pod 3B, Bunk 12.
en|They flew him out on flight AA 1234 at 6:15 am.
en|The office is in ZIP 19601.
en|York County Prison holds about 800 people.
en|The hearing is on March 3, 2024 at 9 am in Courtroom 4.
en|Take Route 422 to Exit 12, then Highway 61 north.
en|The detainees sleep in Housing Unit 4, Block C.
en|There were 5 agents and 4 vans outside the building.
en|He waited outside Gate 3 for 2 hours.
en|She was moved to Building 7 at the facility.
en|The Department of Homeland Security office is on the 3rd floor.
en|He drove a Tesla Model 3 and a Ford F-150.
en|The bond was $7,500 and the fee $350.
en|The jail is at 1287 County Welfare Rd, Leesport.
en|Incident 24-11873 happened at 11:30 pm in Unit 2.
en|Deportation officers from the Philadelphia Field Office were there.
en|The Rodino Federal Building is downtown.
en|I spent 3 days in Cell 14 and 2 weeks in Dorm B.
en|She has lived in the US for 12 years and in Reading for 4.
en|Section 1357(g) of Title 8 allows the agreements.
en|They transferred him to Moshannon Valley Processing Center.
en|The plate was {p|KZX-4471}, a white van.
en|Tag: {p|7KDE221}
en|License plates:\n{p|ABC-1234}\n{p|XYZ 9876}
en|Vehicle | Plate\nwhite Tahoe | {p|KZX 4471}\nblack Charger | {p|HRT 2210}
en|A 2015 silver Honda Civic {p|7BCD221} followed her home.
en|They came in a gray Nissan Altima, CA plate {p|8BCD123}.
en|Plates {p|KZX-4471}, {p|HRT 2210} and {p|7BCD221} were all unmarked cars.
en|plate was {p|kzx4471} i think
en|The Ram 1500 {p|BSM-6726} was there again.
en|Temporary tag {p|98765T} on the back window.
en|Paper tag {p|T123456} on a black Dodge Durango.
en|NJ plate {p|A12-BCD} on a blue Ford Explorer.
en|Texas plates {p|GHT-4521}, red Silverado.
en|Florida tag {p|QWE R45}.
en|The unmarked car had plates\n{p|LMN 5521}
en|White Chevy Express van, {p|JHK-8812}, parked on the corner.
en|Vehicles seen:\n- black Suburban {p|HRX 2231}\n- silver Explorer {p|KLP 7740}
en|The truck's license plate number is {p|ZP 58214}.
en|He wrote down {p|KZX 4471} as the plate.
en|THE PLATES WERE {p|JVX 2210} AND {p|MRT 5531}
en|a black tahoe with tag {p|lkj 2210} sat outside
en|Car: 2019 Toyota Camry, plate: {p|6TRJ244}
en|Two ICE vehicles (plates {p|HGT-1188}, {p|HGT-1190}) blocked the driveway.
en|The model was an F-150 and the year 2018.
en|She drives a 2012 Honda Odyssey.
en|The Express 3500 had no plates.
es|Mi mamá vive en {a|calle Morelos 45, int. 3}.
es|La oficina está en {a|Av. Insurgentes Sur 1602, piso 4}.
es|Lo detuvieron frente a {a|Blvd. Díaz Ordaz 1200}.
es|Vivimos en {a|Calz. de Tlalpan 3000 depto 5}.
es|Su casa: {a|Prol. Hidalgo 14}, colonia Centro.
es|La familia vive en {a|Priv. Los Pinos 7}.
es|Mi tía vive en {a|Andador 5 de Mayo 23}.
es|La dirección es {a|Cda. de Juárez 9}.
es|Vivía en {a|Mz 3 Lt 12}, Ecatepec.
es|Su casa está en {a|Manzana 14 Lote 7}.
es|Vive en {a|Calle Reforma s/n}, barrio de abajo.
es|El domicilio es {a|Av. Juárez 45 int. 2}.
es|Vive en {a|C/ Mayor 12, 3º izq.}, Madrid.
es|Trabaja en {a|Pza. de España 4}.
es|La finca está en {a|Ctra. de Valencia 22}.
es|Mi hermano vive en {a|colonia Kennedy, bloque 4, casa 2899}.
es|Vive en {a|Residencial Las Colinas, casa 14}.
es|Su casa queda {a|de la iglesia católica 2 cuadras al norte}.
es|vive en {a|av insurgentes 45 depto 3}
es|mi prima vive en {a|calle juarez 12 interior 4}
es|Se mudó a {a|2107 de la calle Walnut}.
es|Vive en {a|calle Walnut 1084}, en Reading.
es|DIRECCIÓN: {a|CALLE HIDALGO 220 INT 5}
es|Nombre: tía\nDirección: {a|Av. Revolución 1500}\nCiudad: Tijuana
es|Lo agarraron en {a|4417 Summit Ridge Way, apartamento 5B}.
es|Vive en {a|88 Oak Ave, segundo piso}.
es|Su casa es {a|Calle Luna 18, puerta 2}.
es|Viven en {a|Paseo de la Reforma 222, piso 9, oficina 3}.
es|Vive en {a|Barrio El Centro, casa 12}.
es|El expediente 2019-445 está en el Juzgado 12.
es|Lo tienen en la celda 14 del módulo 3.
es|El vuelo 1234 salió a las 6:15.
es|La audiencia es el 3 de marzo de 2024 a las 9.
es|Según el artículo 287(g), el condado colabora con ICE.
es|La Cárcel del Condado de Berks tiene 120 camas.
es|Tomaron la Carretera 57 hasta el km 35.
es|La fianza fue de $7,500 dólares.
es|Pasó 3 días en el sector 4 y 2 semanas en la unidad 7.
es|Vive en Reading desde hace 12 años.
es|Llegaron 5 agentes en 4 camionetas.
es|El código postal es 19601.
es|La placa era {p|JKL-22-45}.
es|Placas: {p|ABC-123-D}
es|Matrícula {p|1234 BCD}, un Seat blanco.
es|La tablilla decía {p|ABC-123}.
es|Tenía chapa {p|AB 123 CD}.
es|La patente era {p|BBCL-45}.
es|Placas de Guatemala {p|P-123ABC}.
es|Una camioneta gris con placas {p|HAA 1234}.
es|Las placas:\n{p|P 123-456}\n{p|M 456-789}
es|Un Tsuru blanco {p|MNX-2231} lo seguía.
es|Vimos una troca roja, placas {p|GHT-45-21} de Sonora.
es|las placas eran {p|abc1234}
es|Carro | Placa\nSentra gris | {p|VWX-12-34}
es|Vimos la patrulla {p|PT-2210} dos veces.
es|Un Nissan Versa con placas {p|UZX-778-A} y otro con {p|RTD-12-34}.
es|La placa de la camioneta es {p|A12-BCD}.
es|Tomé nota de la placa. Era {p|FGH-9921}.
es|El modelo era 2018 y el precio $35,000.
"""

CHECK_LINES = r"""
en|Her cousin lives at {a|6620 Hillcrest Commons, Apt 9C} in Lancaster.
en|Mail for him goes to {a|Rural Route 3 Box 118}.
en|They took her from {a|7 Pine Hollow Lane Unit 3}.
en|The family rents {a|Apt 2R 1415 Green St}.
en|I live at {a|3105 W 41st Pl}, the one with the fence.
en|He lived at {a|89-07 Roosevelt Ave, 3rd Fl}, Jackson Heights.
en|The shop is at {a|218 1/2 Front St}.
en|Home: {a|55 Brookside Dr Trlr 21}
en|ADDRESS OF DETAINEE'S FAMILY: {a|920 MAPLE GROVE CIR UNIT 4}
en|they live on {a|4 smith st apt 1} on the 2nd floor
en|The house is {a|16500 State Highway 7}.
en|She sleeps at {a|2300 Lakeview Pkwy, Suite 110} when she works nights.
en|{a|Unit 5\n4400 Beacon Hill Rd}\nReading PA 19606
en|Their home at {a|12 Elm Knolls} was searched.
en|Address | Since\n{a|44 Water St, Apt 2} | 2019
en|Officers came to {a|1833 E Market St #2B}.
en|The boy lives at {a|5021 N 5th St, Fl 2}.
en|The county has 3 jails and 2 juvenile centers.
en|Docket CR-2021-004417 was continued to June 9.
en|He paid $2,000 for the lawyer and $150 for the filing.
en|The unit has 64 beds and 2 showers.
en|Visitation is at 2:30 pm on Saturdays in Room 12.
en|He is on Tier 2, Cell 31, Bunk B.
en|Take I-78 to Exit 49B.
en|Call the Allentown office, 2nd floor, after 9.
en|He was sentenced under 8 U.S.C. § 1326.
en|The Lehigh County Jail is near Route 22.
en|Flight 1492 landed at 4:10 pm.
en|The plate on the van was {p|JHG 5521}.
en|Plate #:\n{p|KLM-8890}
en|Unmarked Dodge Charger, tag {p|HTR-7712}, and a black Tahoe {p|FGR 2234}.
en|Plates seen: {p|LKJ 4412}, {p|PQR 9981}.
en|A 2020 white Ford Explorer with Ohio plate {p|JKL 2231} was parked there.
en|temp tag {p|45821R} on a gray sedan
en|Vehicle | Color | Tag\nTahoe | black | {p|MNB 4471}
en|The car had Virginia plates\n{p|UVE-4471}
en|A Chevy Silverado 2500HD {p|ZXC-1122} came twice.
en|The plate number is {p|8GHT552}.
en|The agents drove a Ford Explorer and a Chevy Tahoe.
en|The 2019 Tahoe was parked on the corner for 3 hours.
es|Mi esposa vive en {a|calle Allende 310, interior 2}.
es|Lo sacaron de su casa en {a|Av. Universidad 1800 depto 402}.
es|La casa está en {a|Callejón del Sapo 15}.
es|Vivimos en {a|Mza. 22 Lote 9}, Chalco.
es|Su dirección es {a|C/ Alcalá 45, 2º B}.
es|Trabaja en {a|Calle Hidalgo s/n}, en el pueblo.
es|Vive en {a|colonia Las Brisas, casa 410}.
es|Vivía en {a|Blvd. Benito Juárez 455, int. 8}.
es|Mi hijo vive en {a|1300 de la calle Penn}.
es|Domicilio: {a|Prolongación Zaragoza 33}
es|Lo detuvieron en {a|120 Maple St, apartamento 3}.
es|El caso 2020-118 sigue abierto.
es|El módulo 4 tiene 60 camas.
es|La audiencia fue el 12 de mayo a las 10:30.
es|Queda en el kilómetro 12 de la Carretera Federal 45.
es|Llevaron a 14 personas al Centro de Detención de York.
es|Las placas eran {p|MYT-45-82}.
es|Matrícula: {p|5521 KLM}
es|Una camioneta blanca, placas {p|JKR-223-B}.
es|Tenía tablilla {p|HBG-554}.
es|Placas anotadas:\n- {p|TRE-12-45}\n- {p|PLM-88-10}
es|Un Nissan Sentra gris {p|NSW-7721} estaba afuera.
es|La patente del auto: {p|KLTR-82}
es|Compró una camioneta 2015 por $8,000.
"""


def _read(m: re.Match[str]) -> dict[str, Any]:
    return {"category": _CATEGORY[m.group(1)], "text": m.group(2)}


def load(half: str = "dev") -> list[dict[str, Any]]:
    """The ``dev`` lines (tuned on) or the ``check`` lines (summary only)."""
    lines = {"dev": LINES, "check": CHECK_LINES}[half]
    rows = []
    for i, line in enumerate(lines.strip().splitlines()):
        lang, _, marked = line.partition("|")
        row_id = f"addrplate-{half}-{lang}-{i:03d}"
        rows.append(marked_row(row_id, row_id.rsplit("-", 2)[0], lang, marked, _MARK, _read))
    return rows
