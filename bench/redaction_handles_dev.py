"""A dev set for social handles and A-numbers, hand-written for issue 11's
seventh round.

Written by the handle and A-number detectors' author *before* changing them,
aimed at what the untouched sets were reported to miss (only their summary
was seen, never their text): every way people write a handle (platform
nicknames and misspellings, labels such as "usuario:" or "perfil:", the
platform after the name, lists and tables, chat headers, capitals, a handle
at the end of a line) and A-numbers in full (a spaced or dashed leading
"A", "A#:", digits split over a line, seven to nine digits in older files).
Hard negatives: case, docket and incident numbers, statutes, forms
(I-247A), prices, times, room, pod and bunk numbers, flight numbers and
ordinary words after a platform name.

Two halves: ``dev`` may be tuned on; ``check`` was written at the same time
and is scored only to see whether the changes carry over (never tuned on).
Values are invented here, not drawn from Faker.

Each line is ``lang|text``; ``{h|x}`` marks a handle, ``{a|x}`` an A-number;
``\\n`` is a line break.
"""

from __future__ import annotations

import re
from typing import Any

from marked_text import marked_row

_MARK = re.compile(r"\{([ha])\|(.+?)\}", re.S)
_CATEGORY = {"h": "handle", "a": "a_number"}

LINES = r"""
en|Her IG is {h|lupita.rmz} if you want to reach her.
en|IG: {h|Marisol_Quintana}
en|Insta: {h|dreamer4life}
en|instagram - {h|kevo.tx}
en|my insta is {h|yessi_b} hmu there
en|Find him on TikTok as {h|el_primo_jr}
en|tik tok: {h|bebagonzz}
en|TT: {h|norteno.vibes}
en|Snap: {h|jjsantos}
en|snapchat {h|mikey2fresh}
en|His snap is {h|rafi_707}.
en|sc: {h|kayla.m22}
en|FB: {h|Rosaura.Tzul}
en|facebook: {h|pedrito.lopez.9}
en|X: {h|chuyvalle}
en|twitter: {h|Nalgonzo}
en|Telegram: {h|dmitri_k}
en|tg - {h|tg_freedom2}
en|Discord: {h|shadowfox#4471}
en|signal username {h|ana.12}
en|Threads: {h|carlitos.way}
en|bluesky: {h|ramos.bsky.social}
en|Kik: {h|lilmami99}
en|Cash App: {h|$TiaKeisha}
en|send it to {h|$rgomez88}
en|Venmo {h|@Jessie-Ochoa-3}
en|venmo: {h|jessie-ochoa}
en|YouTube: {h|@ElPadrinoVlogs}
en|twitch: {h|xXgamerXx}
en|OnlyFans: {h|candy_kay}
en|linktree: {h|marialuisa.r}
en|Username: {h|KING_TUTT}
en|user: {h|bjorkman22}
en|Account: {h|soyjessica}
en|Profile: {h|maria.del.mar}
en|You can find me at {h|@sol.rising} on IG
en|{h|jaylen.b} on snap
en|{h|kristofer_v} (IG)
en|{h|tonyy.g} on instagram, he posts every day
en|He goes by {h|Smokey_OG} on Facebook
en|IG {h|@bigmike_215}, snap {h|bigmike215}
en|Socials: IG {h|reyna.q} / TikTok {h|reynaq_}
en|Platform | Handle\nInstagram | {h|dani.lux}\nTikTok | {h|danilux}
en|Instagram DM with {h|gabo.mtz}, March 3
en|[3/4/24 9:12 PM] {h|luisito_92}: they took my brother
en|The officer's instagram is {h|deputy_rick87}
en|The guard posts on insta as {h|CO_Hernandez}
en|INSTAGRAM: {h|YOUNGJEFE}
en|IG: {h|JDOE}
en|MY IG IS {h|TRAVIEZA.23}
en|ig -> {h|marcos.s}
en|Instagram (private): {h|ale.v}
en|insta:\n{h|brenda_m_}
en|his instagram handle is\n{h|jr.ochoa}
en|add me on snap {h|tito_loco}
en|follow @{h|melmartinez} for updates
en|DM me on IG @{h|fatima.n}
en|whatsapp: {h|papi_chulo}
en|Her Facebook is {h|GuadalupeReyesO}.
en|Reddit: {h|u/throwaway_ice22}
en|Instagram and TikTok: {h|la_guera_77}
en|IG/TT: {h|kenia.glz}
en|on IG hes {h|lil.chino}
en|insta name: {h|chinita.bby}
en|IG account {h|angel_ruiz_} got deleted
en|Check his page {h|@frontline.watch}.
en|snap:{h|nicky_p}
en|The account {h|@deportationwatch} posted the video.
en|I saw it on Facebook yesterday.
en|She posted a video on TikTok about the raid.
en|My instagram is private now.
en|IG: none
en|He has no snapchat.
en|They set up a Signal group for the families.
en|Twitter was down all morning.
en|The video went viral on X last night.
en|Join the discord server for updates.
en|I messaged her on WhatsApp around 9:30 pm.
en|The Telegram channel has 400 members.
en|The facebook post got 2,000 shares.
en|Posted on Instagram as well.
en|She sent $20 on Cash App.
en|Venmo me $15 for gas.
en|TikTok Live was banned at the facility.
en|Follow the hashtag #FreeThemAll.
es|Su insta es {h|lupe.ortiz}
es|mi IG es {h|vale_rdz}
es|lo encuentras en face como {h|josemanuel.rdz}
es|búscala en tiktok como {h|la.mera.jefa}
es|Usuario: {h|cholo_del_barrio}
es|usuario de instagram: {h|mariel.cz}
es|perfil: {h|don.chuy.oficial}
es|cuenta: {h|tiendita_lupe}
es|Cuenta de TikTok: {h|frijolito22}
es|Face: {h|ramonagutierrez}
es|feis: {h|toño.lara}
es|Tiktok {h|@abuelita.rosa}
es|Mi snap es {h|pato_88}
es|su telegram: {h|grillo_libre}
es|en instagram sale como {h|anita.jz}
es|{h|la_chiquis21} en instagram
es|{h|rulo.mx} en tiktok
es|sígueme en insta {h|nena.rdz}
es|Agrégame en face: {h|lorepaz}
es|Escríbeme al whats o al IG {h|karla.vz}
es|IG: {h|ROCIO.MTZ}
es|Redes: IG {h|poncho.m}, TikTok {h|ponchom_}
es|nombre de usuario: {h|elgüero_22}
es|el usuario es\n{h|beto.s}
es|su cuenta de X es {h|hdz_noticias}
es|[21:14] {h|mari_ortiz}: ya se lo llevaron
es|alias en insta: {h|la.flaca}
es|Lo vi en Facebook ayer.
es|Subió un video a TikTok anoche.
es|Mi instagram es privado.
es|No tiene face.
es|El grupo de WhatsApp tiene 50 personas.
es|Lo publicaron en X esta mañana.
es|Le mandé 200 pesos por Cash App.
es|Se cayó Instagram toda la tarde.
en|A-number: {a|A 123 456 789}
en|A#: {a|12-345-6789}
en|His number is {a|A#: 20-612-4478}.
en|Alien number {a|A - 098765432}
en|A-Number: {a|A-212-\n555-123}
en|A number {a|A 0 9 8 7 6 5 4 3 2}
en|Her A-number is {a|A2045578}.
en|{a|A-7654321} (old file)
en|A file: {a|A12345678}
en|A-File No. {a|A 31 456 789}
en|USCIS #: {a|215-884-001}
en|alien registration no. {a|A-088 412 337}
en|A#{a|201554876}
en|{a|A#201554876}
en|Detainee {a|A201-554-876} was moved.
en|A-Number\n{a|A 201 554 876}
en|Name: Pedro Ruiz\nA #: {a|205 778 114}\nCountry: GT
en|a-number {a|a203 445 119}
en|ALIEN #: {a|A-209-331-870}
en|A Number (9 digits): {a|208551902}
en|Case No. 2024-CR-001234 was continued.
en|Docket 22-4412 set for hearing.
en|incident # 2023-0412 reported at 3:15 pm.
en|He was served an I-247A and an I-213.
en|Under 8 U.S.C. § 1357(g) and 287(g).
en|Bond was $7,500.
en|He is in pod A, bunk 12.
en|Unit A-104, room 2211.
en|Flight AA 1234 left at 6:45 am.
en|Building A, 123 beds.
en|Form I-589 filed on 3/4/2022.
en|Bed A-12 in dorm 3.
en|He was booked under booking number 2015-095587.
es|Número A: {a|A 204 338 117}
es|número de extranjero: {a|208-445-991}
es|Su número A es {a|A-204-115-332}.
es|No. de A: {a|A 20 411 5332}
es|mi A es {a|201 884 332}
es|Número de registro de extranjero {a|A098-223-410}
es|número A {a|A 12 345 678}
es|El caso 2023-CR-004512 sigue abierto.
es|Está en el módulo A, cama 14.
es|Vuelo AM 0423 a las 6:45.
es|Pagó una fianza de $5,000.
es|Le dieron el formulario I-247A.
"""

CHECK_LINES = r"""
en|Her insta: {h|yaz.mendoza}
en|IG - {h|Tavo_Fresh}
en|snap me {h|g.rivera21}
en|You can reach him on Telegram: {h|ivan_p}
en|He's {h|coachmike.mx} on instagram
en|{h|lalo_vega} (TikTok)
en|TIKTOK: {h|LAJEFA.MX}
en|Discord username: {h|nightowl.7}
en|Threads - {h|mari.luna_}
en|Cashapp {h|$JRamos210}
en|Venmo: {h|@Lucy-Paz}
en|fb: {h|juanitaperez}
en|Handle: {h|mx.dreamer}
en|User: {h|RudyG}
en|Instagram | {h|sofi.c}
en|IG & snap: {h|toto.ruiz}
en|[10:02 AM] {h|kimmy_b}: they are at the door
en|my ig is\n{h|carla.q}
en|The deputy's TikTok is {h|dep.martin}
en|A-number: {a|A 205 661 908}
en|A#: {a|20-566-1908}
en|Alien #: {a|A - 205661908}
en|A-Number: {a|A205-\n661-908}
en|A No. {a|A1234567}
en|USCIS number {a|205 661 908}
en|Detainee {a|A-205-661-908} was released.
en|I saw it on Instagram.
en|My snap is private.
en|IG: n/a
en|Flight UA 2231 at 10:15.
en|Docket No. 21-cv-1234.
en|He is in cell A-12, pod B.
en|The bond was set at $12,000.
en|Room 4412, bunk A3.
es|Su IG es {h|majo.paz}
es|insta: {h|Benito_Q}
es|cuenta de face: {h|RosaMaDiaz}
es|{h|el.tigre77} en snap
es|usuario: {h|LUPITA22}
es|búscame en tiktok como {h|rana.azul}
es|perfil de instagram: {h|doña.pelos}
es|Número A: {a|A 205 661 908}
es|número de extranjero {a|A-20566-1908}
es|su A#: {a|205-661-908}
es|Lo subieron a Instagram ayer.
es|Está en la celda A-12.
es|El caso 2022-CR-001122 se cerró.
"""


def _read(m: re.Match[str]) -> dict[str, Any]:
    return {"category": _CATEGORY[m.group(1)], "text": m.group(2)}


def load(half: str = "dev") -> list[dict[str, Any]]:
    """The ``dev`` lines (tuned on) or the ``check`` lines (never tuned on)."""
    lines = {"dev": LINES, "check": CHECK_LINES}[half]
    return [
        marked_row(f"handles-{half}-{lang}-{i:03d}", f"handles-{half}", lang, marked, _MARK, _read)
        for i, (lang, _, marked) in enumerate(
            line.partition("|") for line in lines.strip().splitlines()
        )
    ]
