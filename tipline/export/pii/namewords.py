"""Word lists behind the personal-name heuristic (:mod:`.names`).

All entries are folded (lower case, accents removed) and compared against
folded words. The lists are deliberately small and readable: they encode what
the heuristic treats as "not a person", so a reviewer or maintainer can see
and extend them. County names are not listed here; they come from
:mod:`tipline.counties` at run time.
"""

from __future__ import annotations

from functools import cache


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that end a name run and are never part of a name.
FUNCTION_WORDS = word_set(
    """
    a an the my his her our their your its this that these those it he she they we i you me
    him them us and but or so if when while after before then there here also please thank
    thanks dear hi hello hey yes no not only every all some many most one two three four five
    on in at by for from to with about between according per yesterday today tomorrow last next
    since because what who where how why as of just even still again both each other another
    more nobody everyone someone anyone caller source message voicemail note tip letter
    witness witnesses wife husband call called says said left reported mentions needs
    corroborated between write written detainee detained name names contact phone home
    address facility incident date count email inmate booking case no number detainer
    docket form room bed cell block unit pod tag plate van
    el la los las un una unos unas mi mis tu tus su sus nuestro nuestra este esta estos estas
    ese esa esos esas aquel y o pero si cuando despues antes entonces tambien por para de del
    en con sin sobre entre segun ayer hoy manana desde hasta que quien donde como porque hola
    gracias buenos buenas dias senor senora me le lo se nos les yo el ella ellos ellas
    nosotros usted ustedes ya pues bueno llamo dice dijo fue es son esta estan tiene hay
    era habia pueden puede favor mensaje nota carta fuente testigo testigos persona nombre
    correo contacto telefono direccion centro hecho fecha numero detenido caso expediente
    menciona mencionan llevaban llevan pagamos dejo llamo quiere vive varias varios otra otro
    withheld confidential anonymous anonima anonimo private privado unknown desconocido
    redacted reservado confidencial
    """
)

#: Words of places, agencies, buildings and institutions.
INSTITUTION_WORDS = word_set(
    """
    county counties co jail jails prison prisons correctional facility facilities center
    centre detention processing office sheriff sheriffs department dept police court
    courthouse courts district federal state states city township twp borough valley street
    st avenue ave road rd hwy highway hall building lobby gate dock hospital church parish
    university college school immigration customs enforcement homeland security border patrol
    field removal operations ero dhs ice cbp marshals marshal service services bureau agency
    public defender defenders board commission commissioners council probation parole legal
    aid clinic project coalition network union association news times post inquirer
    government united nations republic port intake kitchen chapel medical unit box
    lane ln drive dr ct blvd boulevard pl place way pike ter terrace cir circle pkwy parkway
    sq square trl trail aly alley row plaza plz loop route investigations investigation
    elementary middle academy high mass misa sacred heart ministry ministries estatal
    municipal nacional federal stateside commissary clinic salvation army
    condado carcel prision centro detencion oficina departamento policia corte tribunal
    juzgado migracion ciudad estado estados unidos valle calle avenida colonia iglesia
    escuela consulado embajada gobierno pabellon bloque celda
    facebook instagram tiktok twitter signal whatsapp telegram youtube google gmail yahoo
    hotmail outlook proton protonmail zoom walmart target ford chevy chevrolet toyota honda
    dodge nissan jeep ram gmc
    inc llc ltd plc llp pllc gmbh corp corporation company group sons asociados hermanos hnos
    industries
    foundation fundacion institute instituto memorial bridge station estacion airport aeropuerto
    troop title ltda holding club basilica parroquia santuario capilla catedral
    team staff apt apartment suite ste rm bldg vial
    foods plumbing landscaping technologies roofing construction contractors contracting tire
    tires shop logistics farms trucking bakery restaurant cleaning janitorial staffing solutions
    enterprises holdings motors automotive insurance realty properties systems bank consulting
    electric electrical market supermarket grocery store stores repair salon produce poultry
    dairy packing meats manufacturing distribution transportation pharmacy residential law
    lawyers attorneys abogados bufete construcciones transportes seafood painting drywall
    masonry builders motel laundromat laundry taqueria panaderia carniceria tienda mercado
    supermercado farmacia lavanderia restaurante fabrica taller
    deli mudanzas granja granjas procesamiento abarrotes tortilleria ferreteria distribuidora
    empacadora comercializadora servicios inmobiliaria agricola rancho
    """
)

MONTHS_AND_DAYS = word_set(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre lunes martes miercoles jueves viernes sabado domingo christmas navidad easter
    thanksgiving
    """
)

NATIONALITIES = word_set(
    """
    english spanish mexican mexicans guatemalan honduran salvadoran american americans latino
    latina latinos latinas hispanic african haitian venezuelan colombian dominican cuban
    ecuadorian nicaraguan brazilian chinese vietnamese creole portuguese indigenous god dios
    lord bible biblia catholic christian muslim covid
    """
)

#: Single-word places (states, countries, cities likely to appear in tips).
PLACES = word_set(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    pensilvania mexico guatemala honduras nicaragua panama colombia venezuela ecuador peru
    bolivia chile argentina brasil brazil cuba haiti canada usa america oaxaca puebla chiapas
    guerrero michoacan jalisco veracruz hidalgo morelos sonora chihuahua zacatecas durango
    sinaloa tabasco yucatan tijuana monterrey guadalajara philadelphia filadelfia pittsburgh
    allentown erie reading scranton bethlehem harrisburg norristown altoona easton hazleton
    pottstown williamsport doylestown hershey gettysburg carlisle chambersburg levittown
    kensington camden newark trenton baltimore chicago houston dallas miami atlanta boston
    eddystone media
    """
)

#: Places of more than one word, folded and joined by single spaces.
MULTIWORD_PLACES = frozenset(
    {
        "our lady",
        "nuestra senora",
        "new york",
        "new jersey",
        "new mexico",
        "north carolina",
        "south carolina",
        "north dakota",
        "south dakota",
        "west virginia",
        "rhode island",
        "puerto rico",
        "el salvador",
        "costa rica",
        "ciudad de mexico",
        "san pedro sula",
        "los angeles",
        "san antonio",
        "san diego",
        "new orleans",
        "state college",
        "west chester",
        "wilkes barre",
        "moshannon valley",
        "sally port",
        "united states",
        "estados unidos",
        "la paz",
        "san juan",
        "santo domingo",
        "tegucigalpa",
        "san salvador",
    }
)

#: Family and social ties: a capitalized word after "my brother" or "mi
#: hermano" is a name even when nothing else would say so.
KIN = word_set(
    """
    brother sister son daughter sons daughters husband wife cousin uncle aunt mother mom
    father dad nephew niece friend cellmate boyfriend girlfriend partner grandson granddaughter
    grandmother grandfather stepson stepdaughter fiance fiancee neighbor neighbour coworker
    hermano hermana hermanos hijo hija hijos hijas esposo esposa marido mujer primo prima tio
    tia mama papa madre sobrino sobrina amigo amiga companero companera novio novia cunado
    cunada suegro suegra nieto nieta abuelo abuela vecino vecina vecinos vecinas pareja
    family familia
    """
)

#: Honorifics and job titles: the capitalized words after them are a name.
TITLES = word_set(
    """
    mr mrs ms miss dr sr sra srta don dona lic licenciado licenciada father padre sister
    officer deputy sgt sergeant lt lieutenant captain capt agent warden judge sheriff co
    attorney atty oficial agente sargento teniente capitan juez jueza alguacil guardia abogado
    abogada witness witnesses testigo testigos nurse enfermera doctor doctora pastor deacon
    reverend rev reverendo pastora diacono
    guard detainee detenido detenida inmate interno interna recluso reclusa reo caller
    lawyer client cliente landlord boss jefe jefa supervisor trooper ofc cpl corporal det
    detective investigator inspector ranger
    officers deputies agents agentes guards guardias sergeants oficiales detainees inmates
    lawyers abogados attorneys judges jueces troopers detectives
    """
)

#: Places name suffixes ("Norristown", "Coatesville", "Harrisburg").
PLACE_SUFFIXES = (
    "town",
    "ville",
    "burg",
    "burgh",
    "boro",
    "polis",
    "shire",
    # Town names rarely borne by people ("Plymouth", "Fairview", "Salisbury").
    "mouth",
    "view",
    "bury",
    "borough",
    "furt",
    "stad",
    "haven",
    "chester",
)

#: Common first names (English and Spanish), for single names at the start of
#: a sentence and lower-case names after a kinship cue.
FIRST_NAMES = word_set(
    """
    jose juan luis carlos jesus miguel pedro francisco antonio manuel jorge alejandro fernando
    ricardo roberto eduardo javier daniel david rafael raul sergio mario oscar hector arturo
    alberto enrique victor ramon julio andres pablo diego angel hugo ruben gerardo armando
    salvador alfredo marco martin felipe ernesto guillermo gustavo ignacio efrain wilmer kevin
    brayan jonathan erick edwin nelson elmer marvin tomas isidro hilario rigoberto aurelio
    maria ana rosa carmen guadalupe juana margarita patricia laura sofia isabel elena teresa
    gloria martha leticia veronica gabriela adriana claudia monica sandra alejandra silvia
    yolanda lucia daniela andrea karla maribel yesenia esperanza dolores beatriz lorena norma
    blanca araceli brenda jessica cristina diana lupe lupita chuy noemi xiomara fabiola mirna
    ivonne denise carmen
    james john robert michael william richard joseph thomas charles christopher matthew anthony
    donald steven paul andrew joshua kenneth brian george timothy ronald edward jason jeffrey
    ryan jacob gary nicholas eric stephen larry justin scott brandon benjamin samuel gregory
    alexander frank patrick raymond jack dennis jerry tyler aaron adam henry nathan douglas
    zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry
    sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
    logan alan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny
    marcus jamal tyrone deshawn mary jennifer linda elizabeth barbara susan sarah karen nancy
    lisa betty margaret ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon cynthia kathleen amy shirley angela helen anna pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth heather
    diane julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl
    hannah jacqueline frances ann kathryn sara janice jean alice madison doris abigail julia
    judy grace amber marilyn beverly danielle theresa sophia marie natalie isabella charlotte
    alexis kayla keisha tanisha yoli
    """
)

#: Spanish and English diminutives: a people-list name also matches these.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "guadalupe": ("lupe", "lupita"),
    "jesus": ("chuy", "chucho"),
    "rosario": ("chayo",),
    "jose": ("pepe", "chepe"),
    "francisco": ("paco", "pancho", "kiko"),
    "alejandro": ("alex",),
    "roberto": ("beto",),
    "alberto": ("beto",),
    "guillermo": ("memo",),
    "enrique": ("kike",),
    "eduardo": ("lalo",),
    "gonzalo": ("chalo",),
    "ignacio": ("nacho",),
    "refugio": ("cuco", "cuca"),
    "concepcion": ("conchita", "concha"),
    "dolores": ("lola",),
    "mercedes": ("meche",),
    "graciela": ("chela",),
    "isabel": ("chabela",),
    "manuel": ("manolo",),
    "rafael": ("rafa",),
    "salvador": ("chava",),
    "santiago": ("chago",),
    "socorro": ("coco",),
    "consuelo": ("chelo",),
    "teresa": ("tere",),
    "rigoberto": ("rigo",),
    "antonio": ("tono", "tony"),
    "anthony": ("tony",),
    "william": ("bill", "billy", "will"),
    "robert": ("bob", "bobby", "rob"),
    "michael": ("mike",),
    "james": ("jim", "jimmy"),
    "elizabeth": ("liz", "beth"),
    "richard": ("rick", "dick"),
    "joseph": ("joe",),
    "christopher": ("chris",),
    "daniel": ("dani",),
    "daniela": ("dani",),
    "jonathan": ("jona",),
    "yolanda": ("yoli",),
    "margaret": ("maggie", "peggy"),
    "patricia": ("paty", "pati"),
    "alfonso": ("poncho",),
}

#: Name parts that are also everyday words: matched only when capitalized.
COMMON_WORD_PARTS = word_set(
    """
    rosa luz paz cruz blanca angel leon will may king white black young guerra mercedes
    dolores pilar sol santos reyes flores rios campos mar nieves rey brown green long
    """
)

#: Spanish writes months and days in lower case, so a capitalized "Domingo",
#: "Julio" or "Abril" before another name is a given name.
SPANISH_CALENDAR = word_set(
    """
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre lunes martes miercoles jueves viernes sabado domingo
    """
)

#: Verbs and adverbs that are also rare surnames on the Census list ("WAS",
#: "BORN", "TAKEN"): in an all-caps or lower-case run they end the name
#: ("ELEANOR SIMPSON WAS STOPPED").
VERBS = word_set(
    """
    was were is are be been being has had have does do did went take taken took came come
    can shall might must than very now born works worked saw seen know knew held hold gave
    made found keep kept pay paid brought ran run sat says said told got get lives lived
    fue fueron era eran es son estaba estaban tiene tenia tenian dijo dijeron llego llegaron
    llevo llevaron vive vivia trabaja trabajaba nacio nacido nacida send sent tell bring ask let
    dile diles llama llamen
    """
)

#: Particles inside names ("María de la Cruz", "Del Valle").
PARTICLES = word_set("de del la las los van von da di du le dos das do bin ibn bint")


@cache
def all_stop_words() -> frozenset[str]:
    """Every word that is never (part of) a heuristic name."""
    return (
        FUNCTION_WORDS
        | VERBS
        | INSTITUTION_WORDS
        | MONTHS_AND_DAYS
        | NATIONALITIES
        | PLACES
        | KIN
        | TITLES
    )
