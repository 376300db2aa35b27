"""Sentence by sentence: does each sentence of a claim say what its basis says, no more?

Each sentence is aligned to the basis fragments it shares words with; a sentence that shares
no content word with any fragment rests on nothing. Then the sentence is compared with its
aligned fragments, one class of wording at a time:

- **intention**: the fragment says the cabinet *wants*, *plans*, *announces* or *mentions*
  something (wil, voornemen, streeft, beoogt, inzet, kondigt aan, spreekt over, te denken valt
  aan) and the sentence states it as what happens; or each fragment it rests on is an item of a
  bulleted list whose lead-in names plans (*De voornemens van het kabinet … zijn:*);
- **possibility**: the fragment says it *can*, *may*, *seems*, is *relatively* so, is expected,
  feared or threatened (kan, mogelijk, lijkt, relatief, verwacht, vreest, dreigt, zou, risico …)
  and the sentence states it as certain;
- **condition**: the fragment sets a condition or a necessity (als …, indien, mits, cruciaal om,
  nodig om, vraagt om, voorwaarde) and the sentence states the result; or the sentence says
  *alleen als* where the fragment sets a plain condition; or it states as a result the aim
  (*zodat …*, *om … te*) of a plan, a necessity or a measure (*moet*, *wil*, *er komt*, *wordt … gebonden*);
- **intensifier**: the sentence has an intensifier or a universal (volop, echt, flink, zeker,
  altijd, alle, niemand, nooit, geen enkel …) and the fragment none;
- **money**: the sentence speaks of money (geld, euro, investeert, betaalt, budget …) and the
  fragment does not;
- **actor**: the subject of the sentence is an actor (gemeenten, kabinet, provincies, VNG …)
  that the fragment does not name, while it names another.

A marker counts in a fragment only near a word the sentence shares with it, so *wil* at the
other end of a long fragment does not bind a sentence about its last clause: only in the clause
the sentence renders, or from a clause before it in the same list (not across *en* between two
main clauses, nor out of an *als …* clause into its result). Requests (a sentence opening with
an imperative) and questions state nothing, so the first three classes skip them. A conditional
sentence (*Als X, Y*; *Blijft X, dan Y*) is judged on its result; a sentence opening with *Dat* or
*Dit* and a verb carries the hedge, condition or plan of the sentence before it. Markers are word
forms, not stems: *kans* is not *kan*; an intention noun inside a prepositional phrase (*in het
streven naar*) names an aim and is no marker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefgen.tracing.sentences import Sentence, content_words, overlap, split, tokens, words_of

CLASSES = ("rests", "intention", "possibility", "condition", "intensifier", "money", "actor")
"""Every kind of sentence finding; ``rests`` is a sentence that rests on no fragment."""


def _forms(*groups: str) -> re.Pattern[str]:
    words = [w.strip() for group in groups for w in group.split(",") if w.strip()]
    phrases = sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?![\w-])")


INTENTION = _forms(
    "wil, willen, wilde, wilden, wenst, wensen, gewenst, gewenste, voorgenomen, voornemens is, voornemens zijn,"
    "streeft, streven, streefde, beoogt, beogen, beoogd, beoogde, de inzet is, is de inzet,"
    "inzet van het kabinet, zet in op, zetten in op, zet het kabinet in op, kondigt aan, kondigt het kabinet aan,"
    "aangekondigd, aangekondigde, spreekt over, spreekt het akkoord over,"
    "spreekt het over, spreekt het kabinet over, te denken valt aan, valt te denken aan, valt ook te denken aan,"
    "van plan, ambieert,"
    "geambieerd, ambiëren,"
    "stelt voor, stellen voor, voorgesteld, voorgestelde, de insteek"
)
"""Intention or plan, as a verb or a participle (a noun such as *plannen* names the plan, it does
not qualify the clause)."""

_NOT_INTENTION = re.compile(
    r"(?P<keep>(?<![\w-])(?:in|bij|met|aan|naar|voor|op|van|uit|tot|door) (?:het|de|een|dit|dat|hun|ons|zijn|haar) )"
    r"(?:streven|wens|voornemen|inzet|insteek)(?![\w-])"
)
"""An intention as a noun inside a prepositional phrase (*bijdrage in het streven naar …*) names an
aim; it does not make its clause a plan."""

INTENTION_KEEPERS = _forms(
    "noemt, noemen, zegt, idee, denk aan, bijvoorbeeld, zoals, volgens het akkoord, in het akkoord staat,"
    "het akkoord noemt, inzet, richting, op het oog, het doel is, doel is, als doel, met het doel, plan,"
    "plannen, gepland, geplande, voorstel, voorstellen, voornemen, voornemens, ambitie, ambities, wens, moet,"
    "moeten, dient, dienen, vragen, vraagt"
)
"""Wording that keeps a plan a plan in a claim: it names or attributes it, or gives an example."""

POSSIBILITY = _forms(
    "kan, kunnen, kon, konden, kunt, mogelijk, mogelijke, mogelijkerwijs, misschien, wellicht, eventueel,"
    "eventuele, waarschijnlijk, lijkt, lijken, leek, leken, relatief, relatieve, vrij, verwacht, verwachten,"
    "verwachtte, verwachting, verwachtingen, voorzien, voorzien dat, vreest, vrezen, vrees, gevreesd, dreigt,"
    "dreigen, dreigde, dreiging, zou, zouden, in theorie, risico, risico's, onzeker, onduidelijk, onbekend,"
    "niet duidelijk, niet bekend, niet precies duidelijk, niet helemaal duidelijk, nog niet bekend,"
    "nog niet duidelijk, nog niet precies duidelijk, niet precies bekend, mogelijkheid, mogelijkheden,"
    "naar verwachting, enigszins,"
    "redelijk, tamelijk, betrekkelijk, kans, bang, bezorgd, zorgen over, zorg over, zich zorgen, twijfel,"
    "twijfelen, de vraag of, vraag is of, afwachten"
)
"""Possibility, expectation, fear, degree or an open question."""

_POSSIBILITY_SOURCE_EXCLUDED = {"kans", "bang", "de vraag of", "vraag is of", "afwachten", "redelijk", "tamelijk"}
"""Words that keep a hedge in a claim but do not set one in a fragment."""

_NOT_POSSIBILITY = re.compile(
    r"\b(?:zo\w* mogelijk|waar (?:dat kan|mogelijk)|mogelijk (?:te )?maken|mogelijk (?:wordt|worden|is|zijn)"
    r"|maakt? \w+ mogelijk|te kunnen|(?:kan|kunnen|kon|konden)(?: \w+){0,2} niet"
    r"|niet(?: \w+){0,5} (?:kan|kunnen|kon|konden)|vrij (?:van|baan|toegankelijk))\b"
)
"""Uses that carry no doubt: *mogelijk maken*, *zo snel mogelijk*, *te kunnen*, *kan … niet*, *vrij van*."""

CONDITION = re.compile(
    r"(?:^|[,;:(]\s*|\.\s+)(?:als|wanneer|indien|mits|tenzij)(?![\w-])(?!\s+(?:gevolg|volgt|geheel))"
    r"|(?<![\w-])(?:indien|mits|tenzij|voorwaarde|vereist|vereisen"
    r"|vereiste|noodzakelijk|noodzakelijke|noodzaak|cruciaal|essentieel|nodig|vraagt om|vragen om"
    r"|ten behoeve van|ten bate van|gericht op|met als doel|bedoeld om|bedoeld voor|teneinde|in het belang van"
    r"|vraagt aandacht|afhankelijk|afhankelijk van|moet|moeten|dient|dienen|pas als|alleen als)(?![\w-])"
)
"""A condition (a clause opening with *als*, *indien* …), a necessity (*nodig*, *cruciaal*, *moet*) or a
purpose (*ten behoeve van*, *gericht op*): the source names what is needed or aimed at, not a result."""

CONDITION_KEEPERS = re.compile(
    r"(?<![\w-])(?:als|wanneer|indien|mits|tenzij|voorwaarde|voorwaarden|vereist|noodzakelijk|cruciaal"
    r"|essentieel|nodig|vraagt|vragen|afhankelijk|moet|moeten|dient|dienen|pas|alleen|zonder|belangrijk"
    r"|onmisbaar|hangt af|om te|bedoeld|doel|zodat|opdat|dan|anders|bijdragen|draagt bij"
    r"|gericht|versterken|ten behoeve)(?![\w-])"
)
"""Wording that keeps a condition, a necessity or a purpose in a claim."""

_PLAIN_IF = re.compile(r"(?<![\w-])(?:als|indien|wanneer)(?![\w-])(?!\s+(?:gevolg|volgt|geheel))")
_ONLY_IF = re.compile(r"(?<![\w-])(?:alleen|uitsluitend|pas)\s+(?:als|dan|wanneer|indien)(?![\w-])")

INTENSIFIERS = _forms(
    "volop, echt, echte, flink, flinke, zeker, zekere, helemaal, volledig, volledige, geheel, enorm, enorme,"
    "heel, zeer, erg, fors, forse, drastisch, drastische, ernstig, ernstige, hard,"
    "extreem, uiterst, absoluut, volstrekt, totaal, grootste, topprioriteit, topprioriteiten, bovenaan"
)
"""Words that make a statement stronger."""

SOURCE_INTENSIFIERS = _forms(
    "sterk, sterke, daadwerkelijk, daadwerkelijke, werkelijk, werkelijke, inderdaad, wel degelijk, nadrukkelijk,"
    "nadrukkelijke, onverminderd, bijzonder, grote, groot, groter, grotere, veel, hoge, hoog, ernstiger,"
    "ernstigere, alleen maar, vooral, met name, primair, essentieel, cruciaal, zware, zwaardere, hele, steeds,"
    "uitdrukkelijk, absolute, breed, brede, flinke, aanzienlijk, aanzienlijke, substantieel, substantiële"
)
"""Words that make a statement strong in a source: they answer an intensifier of a claim."""

UNIVERSALS = _forms(
    "alle, allemaal, alles, iedereen, ieder, iedere, elk, elke, niemand, nooit, altijd, overal, nergens,"
    "geen enkel, geen enkele, steeds, telkens, allen, allerlei, geen, alleen"
)
"""Words that make a statement hold for all or none."""

_UNIVERSAL_SOURCE_ONLY = {"geen", "steeds", "allerlei", "alleen", "ieder", "iedere", "elk", "elke"}
"""Universals that answer a claim's universal in a fragment but do not raise one in a claim (*elke
gemeente* renders the generic *gemeenten*)."""

MONEY = re.compile(
    r"(?<![\w-])(?:geld\w*|euro\w*|€|investe\w+|geïnvesteerd\w*|betaal\w*|betaalt|betalen|betaald\w*|budget\w*"
    r"|middelen|financ\w+|bekostig\w*|subsidie\w*|bezuinig\w*|korting\w*|uitkering\w*|fonds\w*|\w+fonds"
    r"|kost|kosten\w*|kostte|miljoen\w*|miljard\w*|mln|mld|mrd|begroting\w*|belasting\w*|heffing\w*"
    r"|bijdrage\w*|rijksbijdrage\w*|compensatie|compenseren|gecompenseerd|tekort\w*|lasten|opbrengst\w*"
    r"|inkomsten|uitgaven|bedrag\w*|gratis|prijs|prijzen|tarie\w+|loon|lonen|salaris\w*|huur\w*|toeslag\w*"
    r"|\w+uitkering\w*|\w+subsidie\w*|\w+budget\w*|\w+middelen|\w+geld|\w+korting\w*|\w+bezuiniging\w*"
    r"|\w+belasting\w*|\w+kosten|\w+tekort\w*|\w+bijdrage\w*)(?![\w-])"
)
"""Words about money (a ``{fig:…}`` marker of a money figure counts too)."""

CLAIM_MONEY = re.compile(
    r"(?<![\w-])(?:geld|extra geld|euro|euro's|€|investeert|investeren|investering\w*|betaalt|betalen"
    r"|betaald|budget\w*|\w*fonds|financier\w*|financiële|financieel|bekostig\w*|subsidie\w*|kost"
    r"|kosten|bezuinig\w*|miljoen|miljard)(?![\w-])"
)
"""Money words that raise the money class in a claim."""

ACTORS: dict[str, tuple[str, ...]] = {
    "gemeenten": ("gemeente", "gemeenten", "gemeentelijk", "gemeentelijke", "gemeentebesturen", "gemeenteraad",
                  "gemeenteraden", "colleges", "wethouders", "burgemeesters", "lokale overheden", "lokaal",
                  "medeoverheden", "decentrale overheden", "we", "wij", "ons", "onze", "vng",
                  "vereniging van nederlandse gemeenten"),
    "Rijk": ("kabinet", "kabinetten", "rijk", "rijksoverheid", "regering", "minister", "ministers", "ministerie",
             "ministeries", "staatssecretaris", "den haag", "rijksbijdrage", "coalitie", "akkoord",
             "hoofdlijnenakkoord", "overheid", "landelijk", "nationaal", "kamer", "tweede kamer", "wetgever"),
    "provincies": ("provincie", "provincies", "provinciale", "provinciaal", "medeoverheden"),
    "waterschappen": ("waterschap", "waterschappen", "medeoverheden"),
    "bedrijven": ("bedrijf", "bedrijven", "ondernemers", "ondernemer", "werkgevers", "werkgever", "bedrijfsleven",
                  "mkb", "boeren", "boer", "industrie"),
    "corporaties": ("corporatie", "corporaties", "woningcorporatie", "woningcorporaties"),
    "EU": ("eu", "europese unie", "europa", "brussel", "europese commissie", "lidstaten"),
    "zorgaanbieders": ("ziekenhuis", "ziekenhuizen", "streekziekenhuis", "streekziekenhuizen",
                       "zorgverzekeraars", "zorgverzekeraar", "zorgaanbieders", "aanbieders"),
    "inwoners": ("inwoners", "burgers", "mensen", "huishoudens", "ouders", "kinderen", "jongeren", "ouderen",
                 "statushouders", "asielzoekers", "gezinnen", "huurders", "mantelzorgers", "werknemers",
                 "inwoner", "cliënten"),
    "politie": ("politie", "boa's", "boa", "handhavers", "justitie"),
}  # fmt: skip
"""Actors, grouped: a sentence whose subject is one group while its fragment names only others."""

_DOCUMENTS = {"akkoord", "hoofdlijnenakkoord", "regeerakkoord", "coalitieakkoord"}

MAIN_ACTORS = frozenset({"gemeenten", "Rijk", "provincies", "waterschappen", "bedrijven", "corporaties", "EU",
                         "zorgaanbieders"})  # fmt: skip
"""Actors whose swap changes who does what (people and the police are more often what a sentence is about)."""

_ACTOR_FORMS = {form: group for group, forms in ACTORS.items() for form in forms}
_ACTOR_GROUPS = {form: {group for group, forms in ACTORS.items() if form in forms} for form in _ACTOR_FORMS}
_ACTOR_PHRASES = sorted((f for f in _ACTOR_FORMS if " " in f), key=len, reverse=True)
_OPENERS = words_of(
    "ook maar en dan zo daarom daarnaast bovendien toch nu wel dus verder tegelijk daardoor hierdoor want "
    "of juist vooral zelfs alleen "
)
_CLAUSE_OPENERS = words_of(
    "als wanneer indien om voor met door bij na zonder in op vanaf tot volgens omdat doordat hoewel wat "
    "wie waar hoe er dat dit die deze dan naast tegen over uit via per sinds "
)
_ARTICLES = words_of("de het een alle veel sommige die deze elke iedere onze hun meer nieuwe andere kleine grote ")

IMPERATIVES = words_of(
    "zorg geef maak help stel ga houd hou kom betrek regel neem laat bied schrap zet investeer werk "
    "voorkom trek blijf kijk bekijk overleg steun borg versterk verlaag verhoog vergroot beperk "
    "compenseer erken benut gebruik breng leg doe maak richt start stop wacht denk handhaaf betaal "
    "financier bouw ontwikkel wijzig pas verruim vereenvoudig schaf verleng behoud voer onderzoek "
    "evalueer zoek vraag kies maak bescherm garandeer waarborg veranker betrek "
)
"""Verbs whose bare form opens a request (*Zorg dat …*, *Geef gemeenten …*)."""


@dataclass(frozen=True)
class Finding:
    """One sentence that says more than its basis."""

    kind: str
    """One of :data:`CLASSES`."""
    sentence: Sentence
    message: str


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'").casefold()


@dataclass(frozen=True)
class Evidence:
    """A basis fragment with the source sentence around it (empty when the source is not at hand)."""

    fragment: str
    before: str = ""
    """Source text from the start of the fragment's sentence up to the fragment."""
    after: str = ""
    """Source text from the fragment to the end of its sentence."""
    lead: str = ""
    """The lead-in of the bulleted list the fragment is an item of (*De voornemens … zijn:*), or ""."""

    @property
    def sentence(self) -> str:
        """The whole source sentence (or sentences) the fragment stands in."""
        return f"{self.before} {self.fragment} {self.after}"


_CLAUSE = re.compile(
    r"(?P<hard>[.!?]\s+(?=[\"'(]?(?-i:[A-Z]))|;|\s[–—-]\s|(?<![\w-])(?:maar|echter|terwijl|waarvan|waarbij|waarin|waardoor|waarmee|zodat"
    r"|omdat|doordat|want|tenzij|hoewel|al wordt|wat)(?![\w-])"
    r"|(?<=[\w)'’\"])\s+(?=(?-i:(?:Er|Het|De|Dit|Dat|Deze|Die|Ook|Om|Zo|Daarom|Daarnaast|Bovendien|Verder|Wij|We|Zij|Ze)\s))"
    r"|(?:(?<=duidelijk)|(?<=onbekend)|(?<=onzeker))\s+(?=(?:hoe|welke|wanneer|waar)\s))"
    r"|(?P<soft>[,:()•]|(?<![\w-])(?:en|of|dat)(?![\w-]))",
    re.IGNORECASE,
)
"""Clause boundaries: a hard one ends the reach of a marker, a soft one (a list) does not. A function
word with a capital in mid-text (*… voor boa's) Er wordt …*) opens a sentence whose full stop is missing;
*niet duidelijk hoe …* asks how, so what the question is about stands (*hoe A zich verhoudt tot B*)."""

_FINITE = re.compile(
    r"(?<![\w-])(?<!te )(?:wordt|worden|werd|werden|is|zijn|was|waren|heeft|hebben|had|hadden|komt|komen|gaat|gaan"
    r"|blijft|blijven|zal|zullen|kan|kunnen|moet|moeten|wil|willen|mag|mogen)(?![\w-])",
    re.IGNORECASE,
)
"""Finite verbs: a clause after *en* or *of* that has one of its own, after a clause that has one too,
is a new main clause, not an item of the list before it."""

WIDE = re.compile(
    r"^(?:wil|willen|wilde|wilden|streeft|streven|beoogt|beogen|zet in op|zetten in op|zet het kabinet in op"
    r"|de inzet is|is de inzet|spreekt over|spreekt het akkoord over|te denken valt aan|kondigt aan"
    r"|kan|kunnen|kon|konden|zou|zouden|dreigt|dreigen|vreest|vrezen|verwacht|verwachten|voorzien|voorzien dat"
    r"|lijkt|lijken|moet|moeten|dient|dienen|nodig|cruciaal|noodzakelijk|vraagt om|vragen om|voornemens"
    r"|voornemen|plannen|plan|als|indien|mits|wanneer|risico|het risico|verwachting|vrees|geambieerd)$"
)
"""Markers that reach over the clauses that follow in a list (a verb or a condition), not only their own."""

BACKWARD = re.compile(
    r"^(?:nodig|cruciaal|noodzakelijk|essentieel|vereist|voorwaarde|randvoorwaarde|voorwaarden|onzeker"
    r"|onduidelijk|niet duidelijk|onbekend|wenselijk|gewenst)$"
)
"""Markers that qualify the clauses before them too: *Om X te doen is Y cruciaal*."""


_DUTIES = {"moet", "moeten", "dient", "dienen"}
_WELCOMED = re.compile(r"(?<![\w-])(?:welkom|goed|positief|terecht|fijn|vinden|vindt|blij)(?![\w-])")


_SUBJECTS = words_of("de het een er dit dat deze die ze zij hij we wij men gemeenten")


def _main_clause(clause: str) -> bool:
    """True when ``clause`` (after *en* or *of*) has a finite verb of its own: not as its first word
    (*op kunnen en mogen treden*), unless a subject follows it (*en wordt de ongelijkheid vergroot*)."""
    words = tokens(clause)
    for number, word in enumerate(words):
        if not _FINITE.fullmatch(word) or (number > 0 and words[number - 1] == "te"):
            continue
        if number > 0 or (len(words) > 1 and words[1] in _SUBJECTS):
            return True
    return False


_IF_OPEN = re.compile(r"^\s*(?:als|indien|wanneer|mits)(?![\w-])")


def _clauses(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into clauses, each with whether a hard boundary comes before it (*en* or *of*
    between two clauses that each have a finite verb counts as hard: two main clauses)."""
    matches = list(_CLAUSE.finditer(text))
    clauses: list[tuple[str, bool]] = []
    start = 0
    hard = True
    run = 0  # where the clauses since the last hard boundary begin
    for number, match in enumerate([*matches, None]):
        end = len(text) if match is None else match.start()
        clauses.append((text[start:end], hard))
        if match is None:
            break
        hard = match.group("hard") is not None
        if match.group().casefold() in ("en", "of"):
            following = matches[number + 1].start() if number + 1 < len(matches) else len(text)
            hard = bool(_FINITE.search(text[run : match.start()]) and _main_clause(text[match.end() : following]))
        if hard:
            run = match.end()
        start = match.end()
    return [(clause, boundary) for clause, boundary in clauses if clause.strip()]


def _cleaned(match: re.Match[str]) -> str:
    """What stays of a match of a ``clean`` pattern: its ``keep`` group, if it has one."""
    return (match.group("keep") if "keep" in match.re.groupindex else "") + " "


def _scoped(
    pattern: re.Pattern[str], evidence: Evidence, words: set[str], clean: re.Pattern[str] | None = None
) -> list[str]:
    """Markers of ``pattern`` in the fragment's source sentence that bear on the clause the
    sentence (``words``) shares most words with: that clause's own markers, the wide markers of
    the clauses before it in the same list and the backward markers of those after it. Past the
    fragment's end only backward markers count (*de in het akkoord aangekondigde agenda* after a
    fragment does not make the fragment a plan). What ``clean`` matches is no marker."""
    head = _clauses(f"{evidence.before} {evidence.fragment}")
    tail = _clauses(evidence.after) if evidence.after else []
    if tail:
        tail[0] = (tail[0][0], False)  # the fragment's sentence goes on
    clauses = [(_norm(clause), hard, False) for clause, hard in head] + [
        (_norm(clause), hard, True) for clause, hard in tail
    ]
    if clean is not None:
        clauses = [(clean.sub(_cleaned, clause), hard, after) for clause, hard, after in clauses]
    scores = [len(overlap(words, content_words(clause))) for clause, _, _ in clauses]
    best = max(scores, default=0)
    if best < 2 and not (best == 1 and len(words) <= 3):
        return []  # one word in common says nothing about which clause the sentence renders
    found: list[str] = []
    for index, score in enumerate(scores):
        if score != best:
            continue
        reach = index
        while reach > 0 and not clauses[reach][1]:
            reach -= 1
        end = index
        while end + 1 < len(clauses) and not clauses[end + 1][1]:
            end += 1
        for at in range(reach, end + 1):
            clause, _, after = clauses[at]
            for match in pattern.finditer(clause):
                marker = " ".join(match.group().strip(" ,;:(.").split())
                if marker in _DUTIES and _WELCOMED.search(" ".join(c for c, _, _ in clauses[: at + 1])):
                    continue  # ``het is welkom dat … moeten … ingezet worden``: a wish, not a condition
                backward = BACKWARD.match(marker) is not None
                if after and not backward:
                    continue
                if at < index and _IF_OPEN.match(clause) and not _IF_OPEN.match(marker):
                    continue  # ``Als X kan …, is dat welkom``: the hedge is on the condition, not the result
                if at == index or (at < index and WIDE.match(marker)) or (at > index and backward):
                    found.append(marker)
    return found


def _best_clauses(evidence: Evidence, words: set[str]) -> list[str]:
    """The clauses of the fragment's source sentence that share most words with the sentence, each
    with the clauses before it in the same list (where its subject may stand)."""
    clauses = _clauses(evidence.sentence)
    scores = [len(overlap(words, content_words(clause))) for clause, _ in clauses]
    best = max(scores, default=0)
    found = []
    for index, score in enumerate(scores):
        if best and score == best:
            reach = index
            while reach > 0 and not clauses[reach][1]:
                reach -= 1
            found.append(_norm(" ".join(clause for clause, _ in clauses[reach : index + 1])))
    return found


_LEAD_PLANS = _forms(
    "voornemens, voornemen, plannen, plan, inzet, ambities, ambitie, wensen, wens, wil, willen, wenst, streeft,"
    "beoogt, voorgenomen, van plan"
)
"""Words that make a list lead-in (*De voornemens van het kabinet zijn:*) a list of plans. Not a
proposal (*voorgesteld*): such a list in the source goes on into what is decided."""


def _planned_list(evidence: Evidence) -> str:
    """The lead-in of the list the fragment is an item of, when it names plans or intentions."""
    lead = _NOT_INTENTION.sub(_cleaned, _norm(evidence.lead))
    return evidence.lead if _LEAD_PLANS.search(lead) else ""


_LIST_KEEPERS = re.compile(r"(?<![\w-])(?:dan|niet|geen|nooit)(?![\w-])")
"""Words that keep a sentence clear of its list of plans: *dan* (what follows from the plan named
before) and a negation (a list of plans states what stops as a decision would: a reviewer judges)."""


_PURPOSE = re.compile(r"(?<![\w-])(?:zodat|opdat|om(?P<to>(?:\s+[\w'()-]+){1,10}?\s+te\s+[\w-]+))(?![\w-])")
"""Where an aim opens: *zodat …* and *opdat …* to the end of the sentence, *om … te* up to its verb."""
_MEASURE = re.compile(
    r"(?<![\w-])(?:moet|moeten|dient|dienen|nodig|noodzakelijk|cruciaal|essentieel|er\s+(?:komt|komen)"
    r"|(?:komt|komen)\s+er|(?:wordt|worden)(?:\s+[\w'()-]+){0,8}?"
    r"\s+(?:aan|af|bij|door|in|mee|na|om|op|over|toe|uit|vast|voor|terug|weg)?ge(?!meente)[a-zë]{2,}(?:d|t|en))(?![\w-])"
)
"""A plan, a necessity or a measure in a main clause (*moet*, *er komt*, *wordt … gebonden*): a
*zodat* or *om … te* clause after it names the aim, not a result (after a plain statement it may
be a result)."""


def _purpose(evidence: Evidence, words: set[str]) -> str:
    """The *zodat …* or *om … te* clause of the fragment's source sentence that the sentence (``words``)
    renders, when the main clause before it is a plan, a necessity or a measure; else ""."""
    text = _norm(evidence.sentence)
    for found in _PURPOSE.finditer(text):
        main = re.split(r"[.!?:;]\s", text[: found.start()])[-1]
        aim = found.group("to") if found.group("to") else re.split(r"[.!?;]\s", text[found.end() :])[0]
        if not (_MEASURE.search(main) or INTENTION.search(_NOT_INTENTION.sub(_cleaned, main))):
            continue
        aimed = overlap(words, content_words(aim))
        if len(aimed) >= 2 and len(aimed) > len(overlap(words, content_words(main))):
            return " ".join((found.group() if found.group("to") else f"{found.group()} {aim}").split()[:8])
    return ""


_CONDITIONAL = re.compile(
    r"^(?:(?:als|indien|wanneer)(?![\w-])[^,]*|[^,]*,\s*dan(?![\w-]))[,\s]*(?P<rest>[^,].*)$", re.DOTALL
)
"""A sentence that sets a condition (*Als X, Y*; *Blijft X, dan Y*) states only its result ``rest``:
a hedge of the source on the condition is not lost."""

_PRONOUN_VERBS = words_of(
    "is zijn was wordt worden werd zou zal kan kunnen moet mag wil maakt geldt betekent leidt helpt vraagt "
    "zorgt past raakt levert volgt hangt komt staat gaat blijft lijkt heeft kost geeft biedt "
)
"""Verbs after which *Dat*/*Dit* opening a sentence is a pronoun for the sentence before (not *Dat akkoord*)."""

_CONTINUATION = re.compile(r"^(?:en|of|maar|ook) (?:dat|als|wat)(?![\w-])")


def _possibility(text: str) -> list[str]:
    cleaned = _NOT_POSSIBILITY.sub(" ", _norm(text))
    return [" ".join(m.group().split()) for m in POSSIBILITY.finditer(cleaned)]


def _is_request(sentence: str) -> bool:
    words = tokens(sentence)
    return bool(words) and words[0] in IMPERATIVES


def subject(sentence: str) -> str | None:
    """The actor group that is the subject of ``sentence``, or None when it is not plain to see.

    A heuristic: the sentence opens (after a conjunction such as *Maar* or *Ook*) with an actor,
    or opens with an adverb such as *Daarom* and has the actor right after the verb. A sentence that
    opens with a clause or a preposition (*Als …*, *Voor …*) is left alone.
    """
    lowered = _norm(sentence)
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", lowered)
    index = 0
    while index < len(words) and words[index] in _OPENERS:
        index += 1
    if index < len(words) and words[index] in _CLAUSE_OPENERS:
        return None
    if (
        words[index : index + 1] in (["het"], ["dit"])
        and words[index + 1 : index + 2]
        and words[index + 1] in _DOCUMENTS
    ):
        return None  # ``Het akkoord noemt …``: the agreement says it; who does it is not told
    rest = " ".join(words[index:])
    for phrase in _ACTOR_PHRASES:
        if rest.startswith(phrase + " "):
            return _ACTOR_FORMS[phrase]
    head = words[index : index + 3]
    for word in head:
        if word in _ACTOR_FORMS:
            return _ACTOR_FORMS[word]
        if word not in _ARTICLES:
            break
    if index and len(words) > index + 1:  # ``Daarom wil het kabinet …``: the subject follows the verb
        for word in words[index + 1 : index + 3]:
            if word in _ACTOR_FORMS:
                return _ACTOR_FORMS[word]
            if word not in _ARTICLES:
                break
    return None


def actors(text: str, compounds: bool = True) -> set[str]:
    """Every actor group ``text`` names, also inside compounds (``rijksbijdrage``, ``gemeentefonds``)
    unless ``compounds`` is false."""
    lowered = _norm(text)
    found = {group for phrase, group in _ACTOR_FORMS.items() if " " in phrase and phrase in lowered}
    for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", lowered):
        if word in _ACTOR_GROUPS:
            found |= _ACTOR_GROUPS[word]
        elif compounds and word.startswith(("gemeente", "rijks", "kabinets", "provincie", "corporatie")):
            prefix = word[:5]
            group = {
                "gemee": "gemeenten",
                "rijks": "Rijk",
                "kabin": "Rijk",
                "provi": "provincies",
                "corpo": "corporaties",
            }
            found.add(group[prefix])
    return found


_ANAPHORA = words_of(
    "zo'n "
    "dat dit die daar daarom daarmee daardoor daarbij daarvoor zo het ze zij hij hierdoor hiermee "
    "hiervoor denk ook anders dan "
)
MIN_WORDS_TO_REST = 4
"""A sentence with fewer content words that opens with *Dat*, *Die*, *Daarom* … rests on the
sentence before it, so it is not reported as resting on nothing."""


def _leans_on_before(sentence: str) -> bool:
    words = tokens(sentence)
    return bool(words) and words[0] in _ANAPHORA and len(content_words(sentence)) < MIN_WORDS_TO_REST


def align(sentence: str, basis: tuple[str, ...], around: tuple[str, ...] = ()) -> list[tuple[int, set[str]]]:
    """The fragments ``sentence`` rests on: (index, shared words), best first; empty when none.

    The fragments sharing most words are kept (first the one whose source sentence, in
    ``around``, shares most). Another fragment is kept only when it shares more than half as many
    words as the best one and adds at least two words of the sentence that the fragments kept
    before it, with their source sentences, do not share: a fragment that only repeats a few words
    of a better one, or of the source sentence around it, is not what the sentence renders."""
    words = content_words(sentence)
    scored = [(index, overlap(words, content_words(fragment))) for index, fragment in enumerate(basis)]
    scored = [(index, shared) for index, shared in scored if shared]
    if not scored:
        return []
    covers = {
        index: shared | (overlap(words, content_words(around[index])) if index < len(around) else set())
        for index, shared in scored
    }
    scored.sort(key=lambda item: (-len(item[1]), -len(covers[item[0]]), item[0]))
    best = len(scored[0][1])
    keep = [scored[0]]
    for index, shared in scored[1:]:
        # words the kept fragments' source sentences share, unless it is this fragment's sentence
        covered = set().union(*(kept if _same(around, k, index) else covers[k] for k, kept in keep))
        if len(shared) == best or (len(shared) * 2 > best and len(shared - covered) >= 2):
            keep.append((index, shared))
    return keep


def _same(around: tuple[str, ...], one: int, other: int) -> bool:
    """True when fragments ``one`` and ``other`` stand in the same source sentence (or none is known)."""
    return max(one, other) >= len(around) or around[one] == around[other]


def check_sentence(
    sentence: Sentence,
    basis: tuple[str, ...] | tuple[Evidence, ...],
    money_figures: frozenset[str] = frozenset(),
    request: bool = False,
    before: str = "",
) -> list[Finding]:
    """What ``sentence`` says more than the fragments of ``basis`` it rests on (``request``: the
    sentence asks for something, so it states nothing; ``before``: the sentence before it in the
    claim, whose hedge, condition or plan holds for a sentence that opens with *Dat* or *Dit* and
    a verb; a request before it sets a condition: *Geef X. Dat is welkom.*)."""
    evidence = tuple(item if isinstance(item, Evidence) else Evidence(item) for item in basis)
    aligned = align(sentence.text, tuple(item.fragment for item in evidence), tuple(item.sentence for item in evidence))
    if not aligned and not _leans_on_before(sentence.text):
        return [Finding("rests", sentence, "rests on no fragment of its basis (no content word in common)")]
    findings: list[Finding] = []
    chosen = [evidence[i] for i, _ in aligned] or list(evidence)
    words = content_words(sentence.text)
    everything = _norm(" ".join(item.sentence for item in evidence))
    text = _norm(sentence.text)
    statement = not request and not _is_request(sentence.text) and "?" not in sentence.text
    hedged = bool(_possibility(text))
    opening = tokens(sentence.text)[:2]
    anaphoric = opening[:1] in (["dat"], ["dit"]) and (opening[1:] or [""])[0] in _PRONOUN_VERBS
    previous = _norm(before) if anaphoric else ""
    hedged_before = bool(_possibility(previous))
    asked_before = bool(previous) and _is_request(previous)  # ``Geef X. Dat is welkom``: if X, that is welcome

    def add(kind: str, message: str) -> None:
        findings.append(Finding(kind, sentence, message))

    modal = [evidence[i] for i, shared in aligned if len(shared) >= 2]
    if not modal and len(words) <= 3 and len(aligned) == 1:
        modal = [evidence[aligned[0][0]]]
    if _CONTINUATION.match(text):
        modal = []  # ``En dat …`` goes on with the sentence before, whose hedge holds for it
    consequent = _CONDITIONAL.match(text)
    scope = content_words(consequent.group("rest")) if consequent else words
    if not any(len(overlap(scope, content_words(item.sentence))) >= 2 for item in modal):
        scope = words  # the result renders nothing of the basis on its own: judge the whole sentence
    intention = [m for item in modal for m in _scoped(INTENTION, item, scope, _NOT_INTENTION)]
    planned = any(p.search(f"{text} {previous}") for p in (INTENTION, INTENTION_KEEPERS))
    listed = [lead for item in modal if (lead := _planned_list(item))]
    if len(listed) < len(modal) or _LIST_KEEPERS.search(text):
        listed = []  # the sentence rests as well on a plain statement, or says what follows or stops
    if statement and intention and not planned and not hedged and not hedged_before:
        add(
            "intention",
            f"the basis says ‘{intention[0]}’ (a plan or intention); the sentence states it as what happens",
        )
    elif statement and listed and not planned and not hedged and not hedged_before:
        add(
            "intention",
            f"the basis is an item of a list of plans (‘{listed[0]}’); the sentence states it as what happens",
        )
    possible = [m for item in modal for m in _scoped(POSSIBILITY, item, scope, _NOT_POSSIBILITY)]
    possible = [m for m in possible if m not in _POSSIBILITY_SOURCE_EXCLUDED]
    if statement and possible and not hedged and not hedged_before and not INTENTION.search(text):
        add("possibility", f"the basis says ‘{possible[0]}’; the sentence states it as certain")
    fragments = _norm(" ".join(item.fragment for item in chosen))
    if _ONLY_IF.search(text) and _PLAIN_IF.search(fragments) and not re.search(r"(?<![\w-])alleen(?![\w-])", fragments):
        add("condition", "the sentence says ‘alleen als/dan’ where the basis sets a plain condition")
    else:
        conditions = [m for item in modal for m in _scoped(CONDITION, item, words)]
        keeps = CONDITION_KEEPERS.search(f"{text} {previous}") or INTENTION.search(text) or hedged or hedged_before
        keeps = keeps or asked_before
        aims = [aim for item in modal if (aim := _purpose(item, scope))]
        if statement and conditions and not keeps:
            add(
                "condition",
                f"the basis sets a condition or necessity (‘{conditions[0]}’); the sentence states a result",
            )
        elif statement and aims and not keeps and not INTENTION_KEEPERS.search(text) and not _PURPOSE.search(text):
            add(
                "condition",
                f"the basis names it as the aim of a plan or measure (‘{aims[0]} …’); the sentence states it "
                "as a result",
            )
    strong = [m.group() for m in INTENSIFIERS.finditer(text)]
    if strong and not any(p.search(everything) for p in (INTENSIFIERS, SOURCE_INTENSIFIERS, UNIVERSALS)):
        add("intensifier", f"‘{strong[0]}’ is stronger than the basis (which has no such word)")
    universal = [m.group() for m in UNIVERSALS.finditer(text) if m.group() not in _UNIVERSAL_SOURCE_ONLY]
    if universal and not hedged and not UNIVERSALS.search(everything):
        add("intensifier", f"‘{universal[0]}’ makes it hold for all or none; the basis does not")
    money = [m.group() for m in CLAIM_MONEY.finditer(text)]
    money += [f for f in re.findall(r"\{fig:([\w-]+)\}", sentence.text) if f in money_figures]
    if money and not MONEY.search(everything):
        add("money", f"‘{money[0]}’: the sentence speaks of money, the basis does not")
    actor = subject(sentence.text)
    if actor in MAIN_ACTORS and actor not in actors(everything):
        named = {a for item in modal for clause in _best_clauses(item, words) for a in actors(clause, False)}
        named -= actors(sentence.text)  # ``Het kabinet wil met gemeenten …`` names both
        if named & MAIN_ACTORS:
            add("actor", f"the sentence makes {actor} the subject; the basis names {', '.join(sorted(named))}")
    return findings


def check_claim(
    text: str, basis: tuple[str, ...] | tuple[Evidence, ...], money_figures: frozenset[str] = frozenset()
) -> list[Finding]:
    """Findings for every sentence of a claim."""
    sentences = split(text)
    return [
        finding
        for number, sentence in enumerate(sentences)
        for finding in check_sentence(
            sentence, basis, money_figures, before=sentences[number - 1].text if number else ""
        )
    ]
