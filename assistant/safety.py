"""The deterministic safety net: Danish phrases that mean danger, whatever the classifier thinks.

The classifier has `emergency`, `urgent_illness` and `suicidal` intents, but a model can be
wrong. These patterns run on every message in the gateway and in the answer actions. A false
alarm costs a short notice above the normal answer; a missed emergency costs much more, so the
patterns lean towards firing. They match a spelling skeleton of the text, so "bevidstløs",
"bevidstloes" and "bevidstlos" are the same word.
"""

from __future__ import annotations

import re
from enum import StrEnum

from knowledge.schema import Kind, Record, Region
from knowledge.service import Knowledge

_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a", "é": "e"})
_DIGRAPHS = re.compile(r"aa|ae|oe")


# Chat spellings of short words, written out so one pattern covers both.
_CHAT_WORDS = {"ik": "ikke", "ikk": "ikke", "ike": "ikke", "mer": "mere", "ta": "tage", "ka": "kan"}
_WORD = re.compile(r"\w+")


def skeleton(text: str) -> str:
    """Lower case, chat spellings written out, æ/ø/å and ae/oe/aa reduced to one vowel."""
    text = _WORD.sub(lambda m: _CHAT_WORDS.get(m.group(0), m.group(0)), text.lower())
    return _DIGRAPHS.sub(lambda m: m.group(0)[0], text.translate(_LETTERS))


class Danger(StrEnum):
    """What kind of help a message calls for, most serious first."""

    SUICIDE = "suicide"
    EMERGENCY = "emergency"
    URGENT = "urgent"


def _compile(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(skeleton(p) for p in phrases) + r")")


# Word lists, joined into the patterns below.
_SELF = r"(?:mig|sig|dig|ham|hende|os)"
_PILLS = (
    r"(?:piller|pillerne|tabletter|sovepiller|panodil|pamol|morfin|tramadol|medicin|insulin"
    r"|glas|pakke|pakker|bøtte|bøtten)"
)
_ILL = (
    r"(?:syg|sygt|sløj|feber|ondt|smerter|kaster op|kastet op|opkast|diarré|udslæt|hævet|hæver"
    r"|hævelse|infektion|betændelse|betændt|blærebetændelse|halsbetændelse|øjenbetændelse"
    r"|helvedesild|nældefeber|allergisk|skidt|dårlig|dårligere|værre|brækket|forstuvet|hoste"
    r"|snit|snitsår|sting|kateter|bidt|stukket|slået|vredet|øreverk|tandpine|hold i ryggen)\b"
)
_CLOSED_HOURS = (
    r"(?:i nat|midt om natten|det er nat|er nat|\bnat\b|i aften|det er aften|hele aftenen"
    r"|i løbet af aftenen|weekend|weekenden|fredag aften|lørdag|søndag|helligdag|julen|juleaften"
    r"|nytårsaften|påske|påskedag|pinse|grundlovsdag|klokken er (?:over )?\d+|kl \d+"
    r"|åbner først|til mandag|lukketid|åbningstid)"
)
_DOCTOR_AWAY = (
    r"(?:læge|lægen|lægehuset)\w* (?:har|holder|er|tager|svarer|åbner)"
    r" (?:lukket|ferie|på ferie|på weekend|gået på weekend|weekendlukket|ikke|først)"
)

_PATTERNS: dict[Danger, re.Pattern[str]] = {
    Danger.SUICIDE: _compile(
        r"selvmord",
        r"suicid",
        r"selvskade",
        r"afskedsbrev",
        r"livslinie",
        r"tage (?:mit|sit|hans|hendes|dit) (?:eget )?liv",
        r"tage livet af " + _SELF,
        r"(?:slå|skyde|hænge|dræbe) " + _SELF + r"(?: selv)?(?: ihjel)?\b",
        r"gøre (?:det af med|skade på|noget ved) " + _SELF + r" selv",
        r"(?:vil|ønsker at|har lyst til at|bare|lov at|lov til at|for at|måde at|tænker på at)"
        r"(?: gerne)? dø\b(?! (?:hjemme|i eget hjem))",
        r"(?:var|være) død\b",
        r"dør hellere",
        r"tænker (?:tit |meget |hele tiden )?på døden",
        r"ikke lyst til at leve\b",
        r"(?:orker|gider|vil|kan) ikke (?:at )?(?:leve|livet|det her liv|kæmpe)",
        r"(?:orker|gider|kan) ikke mere",
        r"giver op(?: på livet)?",
        r"(?:træt af at|lysten til at|ondt at) leve\b",
        r"træt af (?:livet|alt)",
        r"(?:noget|ikke noget|intet) at leve for\b",
        r"(?:pointen|meningen|grund) (?:med|til) at (?:leve|stå op|fortsætte|være her|blive ved)",
        r"blive ved med at leve",
        r"ikke (?:leve|være her|være til) (?:mere|længere)",
        r"(?:ikke|ikke være) her (?:i morgen|til|efter|mere|længere)",
        r"skal ikke være her",
        r"er her (?:nok )?ikke (?:til|i morgen)",
        r"(?:ingen|ikke nogen|ikke se nogen|ikke rigtig set nogen) grund til at",
        r"ikke (?:at )?(?:vågne|vågner|vågnede) (?:op )?(?:igen|mere|i morgen)",
        r"aldrig (?:at )?vågne",
        r"ikke gider (?:at )?vågne",
        r"sove for (?:altid|evigt)",
        r"forsvinde for (?:altid|good|evigt)",
        r"ud af det for altid",
        r"slukke for (?:mig|sig|ilten|det hele)",
        r"det hele (?:slukker|stopper|skal stoppe|til at stoppe)",
        r"(?:slutte|ende|afslutte) (?:det hele|mit liv|livet|det)\b",
        r"(?:gøre|gør) en ende på",
        r"det er slut for mig",
        r"ingen udvej",
        r"ingen fremtid",
        r"livet (?:er ligegyldigt|giver ingen mening|er ikke værd)",
        r"(?:byrde|til besvær|klods om benet)",
        r"slippe for mig",
        r"(?:bedre|lettere|nemmere) (?:for alle )?"
        r"(?:uden (?:mig|ham|hende)|hvis jeg|når jeg er væk)",
        r"ingen (?:vil|ville) (?:savne|opdage)",
        r"ser mig ikke igen",
        r"(?:skade|skader|skadet|skære|skærer|skåret|cutter|brænder|kradser|slår) (?:i )?"
        r"(?:mig|sig) selv",
        r"(?:skære|skærer|skåret) (?:mig|sig)? ?i armene",
        r"(?:med vilje|til blods)",
        r"cutter",
        r"(?:ridser|snit) på (?:armene|håndleddet|håndleddene)",
        r"barberblade",
        r"livstræt",
        r"reb\b",
        r"rebet",
        r"(?:hoppe|springe|kaste " + _SELF + r") (?:ud )?(?:foran|fra|ud fra|ud over)",
        r"vil springe",
        r"tænke[rt]? (?:over |på )?(?:at )?springe",
        r"(?:på taget|ved rækværket|på broen)",
        r"køre (?:ud over|ind i)",
        r"(?:gemt|samlet|sparet sammen på|talt op) (?:sine |mine |på |alle )?(?:de )?" + _PILLS,
        r"pillerne er (?:talt|klar)",
        r"pillerne i hånden",
        r"tage (?:dem )?alle sammen",
        r"(?:sluge|tage|tager) (?:dem|alle|hele|en hel)\b.{0,30}" + _PILLS,
        _PILLS + r".{0,40}(?:sluge|tage dem alle|for at dø)",
        r"hvor (?:mange|højt|meget).{0,40}(?:dø|død)\b",
        r"breve? til (?:mine|sine|hans|hendes) (?:børn|kære|familie)",
        r"takke[dt]? for alt",
        r"(?:sagt|skrevet|skriver|siger) farvel (?:til alle|i|til (?:min|sin) familie)",
        r"det her er farvel",
        r"farvel alle sammen",
        r"(?:givet|giver|give|foræret) (?:alle )?(?:mine|sine) (?:ting|smykker)",
        r"planlagt (?:det hele|hvordan)",
        r"stoler ikke på mig selv",
        r"holde op med at spise",
        # "Jeg kan ikke gå videre" ends a message; "kan ikke gå videre end til postkassen" does not.
        r"kan ikke (?:gå|komme) videre(?: med livet| i livet|\s*[.!]*\s*$)",
        # English, for newcomers who write it (the classifier knows little English).
        r"kill (?:myself|himself|herself|themselves)",
        r"(?:end|take) (?:my|his|her|their) (?:own )?life",
        r"(?:don'?t|do not|doesn'?t|does not) want to live",
        r"want to die\b(?! at home)",
    ),
    Danger.EMERGENCY: _compile(
        r"bevidstløs",
        r"livløs",
        r"nødsituation",
        r"ved at dø",
        r"(?:trækker|træk|trække) (?:ikke|næsten ikke) (?:rigtig )?vejret",
        r"(?:kan|kunne) (?:ikke|næsten ikke) (?:få luft|få vejret|trække vejret|vække|vågne)",
        r"(?:svært ved at|kan ikke) (?:få|trække) (?:vejret|luft)",
        r"(?:får|fik|faar) (?:ikke|næsten ikke) (?:nok )?luft",
        r"ingen vejrtrækning",
        r"åndenød",
        r"(?:hiver|gisper|snapper) efter (?:vejret|luft)",
        r"hvæser",
        r"trækker vejret (?:helt )?(?:mega |meget )?(?:mærkeligt|underligt|tungt)",
        r"ved at blive kvalt",
        r"(?:halsen|svælget) (?:lukker|snører)",
        r"lukke til i halsen",
        r"hjertestop",
        r"hjerteanfald",
        r"(?:tror|vist|lige|pludselig|ved at)\b.{0,30}(?:får|fået|fik|få) (?:et |en )?"
        r"(?:slagtilfælde|blodprop|slag|hjerteanfald)\b",
        r"(?:halvsidig )?lammelse lige nu",
        r"halvsidig lammelse",
        r"pludselig (?:blevet )?lam\b",
        r"(?:ondt|smerter?|trykken|tryk|presser|klump|knuger|strammer|stikker)"
        r" (?:for |midt |i )*brystet",
        r"brystsmerter",
        r"knugende",
        r"klager over brystet",
        r"stråler (?:ud |op )?i (?:venstre |højre )?(?:arm|kæben)",
        r"(?:sveder koldt|koldsved|kold og klam)",
        r"(?:ingen|mærke|mærke nogen) puls",
        r"bløder (?:meget|voldsomt|kraftigt|helt vildt|sindssygt|fra hovedet|og det stopper ikke)",
        r"(?:blodet|blødningen|det) (?:vil ikke|stopper ikke)",
        r"blod\w* (?:pumper|sprøjter|fosser)",
        r"(?:pumper|sprøjter|fosser) (?:med )?blod",
        r"blod (?:under hovedet|fra hovedet|overalt|alle vegne)",
        r"kaster blod op",
        r"slog hovedet",
        r"slået hovedet",
        r"flænge",
        r"kramper?anfald",
        r"krampr?e?r? stopper ikke",
        r"(?:har|får|fik|fået) kramper\b"
        r"(?! i (?:benene|benet|læggen|læggene|foden|fødderne|hånden))",
        r"(?:epileptisk )?anfald (?:der ikke stopper|og ryster)",
        r"(?:fået|får|fik) et anfald",
        r"ryster (?:og skummer|på gulvet)",
        r"skummer",
        r"besvim",
        r"faldet om",
        r"faldt om",
        r"kollaps",
        r"(?:reagerer|svarer) (?:ikke|næsten ikke)",
        r"kan ikke (?:svare|vække|få kontakt|få liv)",
        r"(?:ikke|ikke været) til at vække",
        r"vågner ikke",
        r"falder (?:hele tiden )?hen",
        r"er helt væk\b(?! i\b)",
        r"øjne(?:ne)? ruller",
        r"gået i chok",
        r"(?:anafylak|allergisk chok|insulinchok)",
        r"skævt ansigt",
        r"(?:smilet|ansigtet|mundvig|mundvigen) (?:er )?(?:helt )?(?:skævt|hænger)",
        r"hænger i (?:den ene|venstre|højre) side",
        r"(?:side af ansigtet|ansigtet) hænger",
        r"kan ikke (?:tale|røre|bevæge|løfte|smile|finde ordene|rejse sig|komme op"
        r"|mærke (?:sine )?ben)",
        r"(?:snakker|taler) (?:helt )?(?:sært|grødet|sløret|uforståeligt|mærkeligt|volapyk)",
        r"snøvler",
        r"volapyk",
        r"savler",
        r"mistet synet",
        r"værste hovedpine",
        r"slap i (?:den ene side|armen|venstre|højre)",
        r"(?:venstre|højre) (?:arm|side|hånd|ben) (?:er )?(?:helt )?"
        r"(?:slap|lam|virker ikke|følelsesløs)",
        r"taber alt",
        r"(?:blå|blålig|blålige|grå|lilla) (?:om|i) (?:læberne|munden|ansigtet|hovedet)",
        r"(?:læberne|læber|ansigtet) (?:er |bliver )?(?:helt )?(?:blå|blålige|lilla|grå)",
        r"helt blå",
        r"er ved at blive blå",
        r"overdosis",
        r"forgiftet",
        r"forgiftning",
        r"(?:klor|knapbatteri|knapcelle|lampeolie|afløbsrens|under vasken|svampe han plukkede)",
        r"(?:slugt|drukket|spist) (?:en |et |noget |nogle |lidt )?(?:af )?(?:batteri|gift|piller"
        r"|tabletter|opvaskemiddel|rengøringsmiddel|rensemiddel|vaskemiddel|opvasketab"
        r"|maskinopvask|terpentin|kemikalie)",
        # "har spist en hel masse af sin oldemors piller": the owner's words sit in between.
        r"(?:taget|slugt|spist|drukket) (?:en hel|hele|et helt|alle|en masse|mange|nogle|\d+)\b"
        r".{0,40}\b" + _PILLS,
        r"taget (?:for meget|dobbelt op)",
        r"(?:hævet|hæver|hæve) op.{0,60}(?:vejret|luft|halsen)",
        r"(?:vejret|luft).{0,60}(?:hævet|hæver|hæve) op",
        r"tunge(?:n)? (?:er )?hæv",
        r"livsfare",
        r"ambulance",
        r"(?<!ikke )(?<!ikke ringe )\b112\b",
        r"faldet og kan ikke (?:rejse|komme op)",
        r"ligger (?:helt stille|på gulvet|og ryster|i sneen)",
        r"ligget på gulvet",
        r"(?:påkørt|sket en ulykke|stukket med en kniv|faldet ned fra)",
        r"der brænder",
        r"(?:not|isn'?t|is not|stopped) breathing",
        r"(?:can'?t|cannot|can not) breathe",
        r"unconscious",
        r"heart attack",
        r"chest pain",
        r"overdose",
    ),
    Danger.URGENT: _compile(
        r"lægevagt",
        r"lgevagt",
        r"vagt ?læge",
        r"tandlægevagt",
        r"\b1813\b",
        r"akutklinik",
        r"akutmodtagelse",
        r"akuttelefon",
        r"skadestue",
        r"akut (?:syg|lægehjælp|læge|tandpine)\b",
        r"høj feber",
        r"(?:38|39|40|41)(?:[,.]\d)? i feber",
        r"feber (?:på )?(?:38|39|40|41)",
        r"lægebesøg (?:hjemme )?(?:i nat|i aften)",
        r"læge (?:nu|i nat|i aften|i weekenden)",
        r"læge til at komme hjem",
        r"(?:blive )?(?:set|tilset) af en læge",
        r"(?:læge|lægen) der har åbent",
        r"(?:ikke|er ikke) livs(?:truende|farligt)",
        r"kan (?:ikke|det) vente til (?:i morgen|mandag)",
        r"uden for (?:lægens )?åbningstid",
        r"efter lukketid",
        _DOCTOR_AWAY,
        r"(?:ingen|ikke nogen) (?:egen )?læge",
        r"kan ikke (?:få fat i|nå) (?:min |vores |hans |hendes |egen )*læge",
        r"skal (?:nok )?syes",
        _CLOSED_HOURS + r".{0,80}" + _ILL,
        _ILL + r".{0,80}" + _CLOSED_HOURS,
        r"(?:syg|blevet syg) (?:i|på) (?:ferie|julen|sommerhus)",
        r"på ferie.{0,40}(?:syg|læge)",
    ),
}


def detect_danger(text: str) -> Danger | None:
    """The most serious danger a message speaks of, or None.

    Args:
        text: A user's message, as typed.

    Returns:
        SUICIDE before EMERGENCY before URGENT; None for an ordinary message.
    """
    simple = skeleton(text)
    for danger in Danger:
        if _PATTERNS[danger].search(simple):
            return danger
    return None


EMERGENCY_112 = "emergency-112"
CRISIS_LINE = "emergency-livslinien"
CALL_112_PREFIX = "Er der fare for liv, så ring"
"""Every danger reply contains this sentence; the gateway uses it to avoid saying it twice."""


def _emergency_records(knowledge: Knowledge) -> list[Record]:
    return [r for r in knowledge.records() if r.kind is Kind.EMERGENCY]


def danger_reply(knowledge: Knowledge, danger: Danger, region: Region | None = None) -> str:
    """The Danish reply for a danger, with the numbers from the knowledge base.

    Args:
        knowledge: The knowledge base.
        danger: What the message speaks of.
        region: The citizen's region, when known (out-of-hours numbers differ by region).

    Returns:
        Short text: what to do now and which number to call.
    """
    records = {r.id: r for r in _emergency_records(knowledge)}
    urgent_112 = records.get(EMERGENCY_112)
    call_112 = f"{CALL_112_PREFIX} {urgent_112.phone if urgent_112 else '112'} nu."
    if danger is Danger.EMERGENCY:
        return f"{call_112} Vent ikke på svar her."
    if danger is Danger.SUICIDE:
        crisis = records.get(CRISIS_LINE)
        line = (
            f" Du kan også ringe til {crisis.title.split(':')[0]} på {crisis.phone}."
            if crisis
            else ""
        )
        return (
            "Det lyder svært, og det er godt, at du siger det. "
            f"{call_112}{line} Du er ikke alene, og der er hjælp at få."
        )
    regional = [r for r in records.values() if r.region is not None and r.phone]
    if region is not None:
        mine = [r for r in regional if r.region is region]
        if mine:
            return (
                f"Ring til {mine[0].title} på {mine[0].phone}, hvis det ikke kan vente. {call_112}"
            )
    numbers = "; ".join(f"{r.title}: {r.phone}" for r in sorted(regional, key=lambda r: r.id))
    return (
        "Kan det ikke vente, til lægen har åbent, så ring til lægevagten i din region: "
        f"{numbers}. {call_112}"
    )
