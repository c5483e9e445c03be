"""English resources: stop words for social text and a rule-based lemmatizer.

``lemmatize`` undoes plural and verb endings (crashes, crashing, crashed → crash). Where a rule has
several readings (charged: charge or charg?) the one the corpus uses most as a word wins; irregular
forms come from a short table.

Example:
    >>> corpus = {"crash": 3, "charge": 1}
    >>> [lemmatize(w, corpus) for w in ("crashes", "crashed", "charging", "tries", "paid")]
    ['crash', 'crash', 'charge', 'try', 'pay']
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.lang.en.stop_words import STOP_WORDS as _SPACY

from mining.lang.language import Language, NoiseLexicon, word_set

# spaCy's list holds words that name topics in product feedback ("call", "amount", "name").
_SPACY_REMOVED = {"call", "amount", "name", "empty", "full", "move", "bottom", "top", "front",
                  "side", "show", "serious", "part"}
# Chat fillers, greetings, forms of stop verbs and platform words that say nothing about a topic.
CHAT_WORDS = set("""
lol lmao lmfao rofl haha hahaha hehe omg pls plz thx thanks thank ty hi hey hello guys ok okay
yeah yes yep yup nope nah tbh ngl imo imho btw idk smh fr bruh u ur im dont cant didnt doesnt isnt
wont wasnt arent havent ive youre thats theres anyone anybody like got gets getting gotten gonna
wanna gotta know knows knew think thought oh ah wow hmm um uh lot lots thing things stuff way
goes going went gone makes making takes taking took taken gives giving gave given says saying
sees seeing saw seen keeps keeping kept puts putting seem rt amp ve ll nt wo ca joined omitted
edited
""".split()) | {"gt", "lt", "quot", "nbsp"}  # HTML entities left in tweets and exports (&gt;, &lt;3)
STOP_WORDS = frozenset((_SPACY - _SPACY_REMOVED) | CHAT_WORDS)

# Laughter and its stretched forms: lol, lolll, lolol, haha, hehehe, lmaooo, xD (and the Greeklish
# xaxa, for Latin words of Greek posts).
FILLER = re.compile(r"l+o+l+[ol]*|a?(?:h+[ae]+)+h*|lmf?a+o+|x+d+|(?:x+[ae]+){2,}x*")

# Function words of other Latin-script languages, so that German or Indonesian is not taken for
# English (``mining.lang.detect_language``). Words that are also English are left out.
_OTHER_LATIN = {
    "de": "der die das und ist nicht ich ein eine zu mit auf für sie es auch wir ihr den dem sich war "
          "noch nur wie aber oder wenn dann schon mal hab habe doch",
    "fr": "le la les et est pas je un une des du que qui pour avec sur mais vous nous il elle ce "
          "cette sont tout très bien merci",
    "es": "el los las y es que un una por para con está pero como más muy gracias también yo tu "
          "pero porque cuando hay",
    "it": "il lo gli le è non che un una per con sono ma anche come più molto grazie io tu della",
    "pt": "os as é não que um uma para com está mas como mais muito obrigado também eu você",
    "nl": "het een en niet ik je dat van met op voor zijn maar ook wat naar",
    "id": "yang dan di ke dari ini itu tidak saya aku kamu dengan untuk ada juga sudah akan bisa "
          "karena tapi",
    "tr": "bir ve bu da için ne çok ama gibi daha var yok ben sen",
}
OTHER_LATIN_WORDS = {lang: frozenset(words.split()) - STOP_WORDS for lang, words in _OTHER_LATIN.items()}

IRREGULAR = {
    "went": "go", "gone": "go", "paid": "pay", "sent": "send", "bought": "buy", "brought": "bring",
    "thought": "think", "told": "tell", "found": "find", "came": "come", "ran": "run",
    "lost": "lose", "broke": "break", "broken": "break", "wrote": "write", "written": "write",
    "knew": "know", "known": "know", "felt": "feel", "kept": "keep", "began": "begin",
    "begun": "begin", "chose": "choose", "chosen": "choose", "got": "get", "gotten": "get",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "said": "say", "saw": "see",
    "seen": "see", "made": "make", "did": "do", "done": "do", "had": "have", "has": "have",
    "ate": "eat", "eaten": "eat", "drove": "drive", "driven": "drive", "spent": "spend",
    "stole": "steal", "stolen": "steal", "forgot": "forget", "forgotten": "forget",
    "understood": "understand", "sold": "sell", "held": "hold", "meant": "mean", "met": "meet",
    "won": "win", "fell": "fall", "fallen": "fall", "froze": "freeze", "frozen": "freeze",
    "woke": "wake", "built": "build", "caught": "catch", "taught": "teach", "heard": "hear",
    "shown": "show", "grew": "grow", "grown": "grow", "threw": "throw", "thrown": "throw",
    "flew": "fly", "flown": "fly", "spoke": "speak", "spoken": "speak", "wore": "wear",
    "worn": "wear", "children": "child", "men": "man", "women": "woman", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "lives": "life", "wives": "wife", "knives": "knife",
}
# Words that look inflected and are not ("news" is not new + s, "evening" is not even + ing).
NOT_INFLECTED = frozenset("""
news series species ios always perhaps lens bus gas plus yes thus this his its was has is us
morning evening nothing something anything everything thing things during ceiling wedding
pudding sibling bring spring string king ring sing swing wing hundred
""".split())
_VOWEL = re.compile(r"[aeiouy]")


def _readings(word: str) -> tuple[str, tuple[str, ...]]:
    """The default lemma of a word that looks inflected, and the readings the corpus may attest,
    in order of preference (charged: charg by default, charge where the corpus says charge)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y", (word[:-3] + "y", word[:-1])  # replies, movies
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2], (word[:-2], word[:-1])  # crashes, caches
    if word.endswith("oes"):
        return word[:-1], (word[:-1], word[:-2])  # shoes, potatoes
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1], (word[:-1],)
    if word.endswith("eed"):
        return word, (word[:-1],)  # agreed, but need and speed
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y", (word[:-3] + "y", word[:-1])  # tried
    for suffix in ("ed", "ing"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and _VOWEL.search(stem):
            if stem[-1] == stem[-2] and stem[-1] not in "aeiouy":  # stopped, cancelled, called
                default = stem if stem[-1] in "lsz" else stem[:-1]
                return default, (stem + "e", stem, stem[:-1])
            return stem, (stem + "e", stem)  # hoped: hope before hop
    return word, ()


def lemmatize(word: str, counts: Mapping[str, int]) -> str:
    """The lemma of a lower-case English word that is not a stop word.

    Args:
        word: the word.
        counts: how often the corpus uses each word; the reading it uses most (and that is not a
            stop word) beats the default one.
    """
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) < 4 or word in NOT_INFLECTED:
        return word
    default, readings = _readings(word)
    attested = [r for r in readings if counts.get(r, 0) > 0 and r not in STOP_WORDS]
    if attested:
        return max(attested, key=lambda r: counts[r])  # the first of equals: the likelier rule
    return word if default in STOP_WORDS else default


# --- Cues for feedback type, sentiment, spam and abuse ----------------------------------------
# English cues for feedback type, sentiment, spam and abuse (used by ``mining.challenges``).
#
# Written for `mining` (project license, MIT); no external source. Each entry is a regular
# expression and a weight (1 weak, 2 clear, 3 near-certain). Patterns are matched as whole words on
# folded text (``mining.normalize.fold_text``: lower case, accents removed). A pattern starting with
# ``^`` only matches at the start of a sentence, one starting with ``^^`` only at the start of the
# post (its title or first sentence). Apostrophes are optional (``doesnt``/``doesn't``).

PROCLITICS = ""

_NOT = r"(?:not|never|no longer|doesn'?t|don'?t|didn'?t|won'?t|can'?t|cannot|couldn'?t|isn'?t|aren'?t|wasn'?t|wont|cant)"

# Thanks for help not yet given, closing a request or a complaint: no praise (review 10 R10-12).
COURTESY = r"(?:thanks|thank you|thx|ty)(?: (?:so|very) much)? in advance"

CUES: dict[str, list[tuple[str, float]]] = {
    "question": [
        (r"^(?:how|what|when|where|which|who|whom|whose|is there|are there|is it|are you|do you|does|"
         r"did|can i|can we|can you|could i|should i|will|has anyone|have you|any idea|anyone know)", 2.0),
        (r"^(?:is|are|do|can|could|would|should|may|have|has)", 0.5),
        (r"does anyone|does anybody|anyone know|anybody know|anyone tried|any idea|any ideas|any tips", 2.5),
        (r"how (?:do|can|should|would|to)|is (?:there|it) (?:a|any) way|is it possible|what'?s the best way", 2.0),
        (r"questions?|quick question|wondering|i was wondering|not sure how|confused about|help me understand", 2.0),
        # Someone learning or stuck asks for help, even when the post describes an error.
        (r"i (?:don'?t|do not) (?:understand|get)|(?:i'?m|i am) (?:new to|learning|trying to understand)"
         r"|(?:trying to|can'?t|cannot) figure out|any (?:help|suggestions?|advice|pointers)|need (?:some )?help"
         r"|stack ?overflow|^why (?:does|do|is|are|would|should)", 2.0),
        # A question that describes an error is a question (NLBSE, the dev set's GUIDE.md).
        (r"how (?:do|can|should|would) (?:i|we|you) (?:fix|solve|resolve|avoid|get rid of|work ?around|debug)"
         r"|what am i doing wrong|am i (?:missing|doing) (?:something|anything)|is (?:this|it) (?:a bug|expected"
         r"|normal|intended|possible)|why (?:is|does|do|did|am|are|was|can'?t|won'?t|isn'?t|doesn'?t) (?:my|it|this|the|i)",
         2.0),
        # Someone narrating their own attempt and asking for a way out (forum and GitHub help
        # threads): "I'm trying to build X and get this error", "kindly help me resolve this".
        (r"(?:i'?m|i am|i was|i'?ve been|i have been) (?:trying|attempting) to|i (?:have )?tried (?:to|everything|all|several|many)"
         r"|(?:please|pls|plz|kindly) (?:help|advise|suggest|guide|assist)|help me (?:to )?(?:resolve|fix|solve|understand|figure|with|out)"
         r"|(?:i'?m|i am) (?:a )?(?:newbie|beginner|new (?:to|in|at))|(?:i'?m|i am) not sure (?:if|whether|how|why|what|where)"
         r"|(?:i'?m|i am) (?:facing|having trouble|struggling)|having (?:some )?trouble (?:with|to)|where (?:do|should|can) i"
         r"|what (?:should|do|can) i do|(?:would|want to|wanted to) (?:like to )?know (?:how|why|what|if|whether)", 1.5),
        # A post that declares itself a question or a support request (a forum or issue title tag,
        # an issue template's type field): "[Question] ...", "Question: ...", "Issue type: support".
        (r"\[(?:question|help|support|how ?to|q ?& ?a)\]|^(?:question|help|support|how ?to)\s*:"
         r"|type:? (?:question|support|help)", 2.5),
        # A post that opens by asking (its title, its first sentence) is a question even when it
        # quotes the error it asks about (GUIDE.md, rule 1): the opening counts once more.
        (r"^^(?:how (?:do|does|can|could|should|would|to)|is (?:it|there)(?! just me)|are there|can (?:i|we|you|one|someone)"
         r"|could (?:i|we|you|someone)|should (?:i|we)|what (?:is|are|does|do|should)|where|which|does anyone|has anyone"
         r"|anyone know|why (?:does|do|is|are|would|can'?t|won'?t|doesn'?t|isn'?t|am i))", 1.5),
    ],
    "request": [
        (r"please (?:add|make|allow|consider|support|implement|bring|include|let)|pls add|plz add", 3.0),
        (r"feature request|feature proposal|suggestion|proposal|enhancement|would like to request", 3.0),
        (r"(?:would|it'?d) (?:be|have been) (?:nice|great|cool|awesome|helpful|useful|good|lovely|amazing)", 3.0),
        (r"i wish|i'?d love|would love|we need (?:a|an|the)|need (?:a|an) (?:option|way|setting|feature)", 2.5),
        (r"(?:could|can) you (?:add|make|implement|consider|support|include|bring)|consider adding", 2.5),
        (r"add (?:support|an option|a way|the ability|a button|a setting|a feature)|support for", 2.0),
        (r"allow (?:users|us|me|people) to|(?:option|ability|possibility) to", 1.5),
        (r"why (?:is there no|isn'?t there|can'?t we|no)|when (?:will|are) you (?:add|adding|bring|support)\w*", 2.0),
        (r"any plans? (?:to|for)|hope you (?:add|bring)|voting for|vote for|wish ?list|how about (?:a|an|adding)", 2.0),
        (r"^(?:add|allow|support|provide|implement|make it possible|let us|let users|idea)", 2.0),
        # A post that opens (its title) with what to change: "Expose the timeout setting", "Enable
        # sorting by date", "Improve the error message for ...".
        (r"^^(?:introduce|expose|enable|improve|extend)", 1.5),
        # A post that declares itself a request (a title tag, a template's type field).
        (r"\[(?:feature(?: request)?|enhancement|proposal|rfc|idea|suggestion|request)\]"
         r"|^(?:feature(?: request)?|enhancement|proposal|rfc|idea|suggestion)\s*:|type:? (?:feature|enhancement)", 2.5),
    ],
    "complaint": [
        (_NOT + r" (?:work|working|load|loading|open|opening|arrive|arrived|respond|responding|"
         r"connect|sync|start|show|showing|send|sent|deliver|delivered|come|came|answer|answered|"
         r"accept|accepted|get through|let me|happen)", 2.5),
        (r"not working|stopped working|doesn'?t work anymore|no longer works|broken|broke|breaks", 2.5),
        (r"crash|crashes|crashed|crashing|freez\w*|frozen|stuck|hangs|hanging|unresponsive", 2.5),
        (r"bug|buggy|error|errors|exception|traceback|fail|fails|failed|failing|failure|regression", 2.0),
        (r"unable to|can'?t (?:log|sign|access|open|use|find|pay|see)|impossible to|keeps? (?:crashing|failing|logging|closing|asking)", 2.0),
        (r"steps to reproduce|to reproduce|expected behaviou?r|actual behaviou?r|unexpected|incorrect|wrong", 1.5),
        (r"still waiting|waited|waiting for (?:days|weeks|hours)|never (?:arrived|came|got)|no (?:reply|response|answer)", 2.0),
        (r"ridiculous|unacceptable|terrible|awful|horrible|worst|disgrace\w*|pathetic|useless|garbage|trash|rubbish|scam", 2.0),
        (r"fed up|sick of|tired of|annoying|annoyed|frustrat\w*|disappoint\w*|angry|furious|wtf", 2.0),
        (r"charged twice|double charged|overcharged|declined|missing|late|delayed|cancelled my|lost my", 1.5),
        (r"again|every time|every single time|third time|constantly|keeps", 1.0),
        (r"is it just me|anyone else (?:having|getting|seeing|experiencing)|same (?:issue|problem)", 2.0),
        (r"problem|problems|issue|issues", 1.0),
        # Bug structure (issue trackers, forum bug reports): reproduction, a stack trace, a crash
        # signal, a regression, a fix asked for or made.
        (r"reproduc\w+|repro|stack ?trace|core dumped|segfault\w*|segmentation fault|memory leak|leaks?"
         r"|used to work|no longer (?:works?|builds?|compiles?|starts?|opens?)|(?:since|after) (?:updating|upgrading|the (?:update|upgrade))", 1.5),
        (r"^^fix(?:es|ed)?|please fix|fix (?:this|it) please", 2.0),
        # A post that declares itself a bug report: "[Bug] ...", "Bug: ...", "[DevTools Bug]: ...".
        (r"\[(?:[\w-]+ )?bug(?: report)?\]|^bug(?: report)?\s*:", 2.5),
        # What has not come (bank and shop customers): "My card hasn't arrived", "still pending".
        (r"(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not|still not|not yet|never) (?:arrived|received|come|gotten|got|shown up|showed up|been (?:delivered|refunded|credited|processed|sent))|still (?:pending|waiting|not|no|hasn'?t|haven'?t)|stolen|fraud\w*|unauthori[sz]ed|compromised|hacked", 2.0),
        # A service that fails, said as a plain fact: it drops, disconnects, cuts out, leaks;
        # there is none of it; it arrived cold or broken; it slowed; a double bill.
        (r"(?:drops?|dropping|dropped) (?:out|every|all the time|constantly|in the middle)|disconnect\w*"
         r"|cuts? out|cutting out|keeps? (?:dropping|disconnecting|buffering|cutting)|buffering|outage\w*"
         r"|leak(?:s|ing)|power cut", 2.0),
        (r"no (?:internet|signal|reception|service|connection|power|electricity|water|wifi|wi-fi|network)"
         r"|(?:internet|wifi|wi-fi|network|connection|service) (?:is |was )?down", 2.0),
        (r"(?:arrived|came|delivered|showed up) (?:cold|broken|damaged|crushed|open|opened|wet|empty|late|wrong)"
         r"|bill is (?:double|doubled|wrong)|double (?:bill|billed)|(?:speed|connection) (?:dropped|drops|is slow)"
         r"|(?:dropped|down) to \d", 2.0),
        (r"no (?:problem|worries|issues?)|not (?:a problem|bad|an issue)|don'?t worry|can'?t complain|nothing wrong", -1.5),
        (r"charged (?:me )?(?:twice|extra|again|an? (?:extra|additional|fee))|extra (?:fee|charge)|hidden fees?|rip ?off|waste of (?:time|money)", 2.0),
    ],
    "praise": [
        (r"thank you|thanks (?:so much|a lot|a ton|again|guys|team)|many thanks|much appreciated|kudos|shout ?out", 2.5),
        (r"love (?:it|this|the|how|that|your)|loving (?:it|the)|great (?:job|app|service|work|team|update|experience)", 2.5),
        (r"amazing|awesome|excellent|fantastic|wonderful|brilliant|superb|outstanding|perfect|flawless|impressed", 2.0),
        (r"well done|keep it up|highly recommend|recommend it|best (?:app|service|team|update)|five stars|5 stars", 2.5),
        (r"works (?:great|perfectly|like a charm)|so (?:much )?(?:easier|better|faster)|happy with|satisfied", 2.0),
        # A courtesy closing thanks for help not yet given: a complaint that ends "thanks in
        # advance" praises nothing (review 10 R10-12).
        (COURTESY, -2.5),
    ],
    "positive": [
        (r"thank you|thanks|thx|appreciate\w*|kudos|love|loving|great|amazing|awesome|excellent|fantastic", 2.0),
        (r"wonderful|brilliant|perfect|impressed|recommend|happy|glad|pleased|satisfied|well done|finally", 2.0),
        (r"good|nice|fast|easy|helpful|fresh|friendly|cool|smooth|better|best|works fine|fixed", 1.0),
        (r"not bad|can'?t (?:wait|complain)|couldn'?t be (?:happier|better)", 1.0),
        (COURTESY, -2.0),
    ],
    "negative": [
        (r"ridiculous|unacceptable|terrible|awful|horrible|worst|disgrace\w*|pathetic|useless|garbage|trash", 2.0),
        (r"rubbish|scam|fed up|sick of|tired of|annoying|annoyed|frustrat\w*|disappoint\w*|angry|furious|hate|wtf", 2.0),
        (r"not working|doesn'?t work|broken|crash\w*|stuck|freez\w*|bug|error|fail\w*|never arrived|no response", 1.5),
        (r"bad|poor|slow|late|missing|wrong|problem|issue|unfortunately|sadly|again|waiting|sucks|meh", 1.0),
        (r"(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not|still not|not yet|never) (?:arrived|received|come|gotten|got|shown up|showed up|been (?:delivered|refunded|credited|processed|sent))|still (?:pending|waiting|not|no)|stolen|fraud\w*|unauthori[sz]ed|hacked|charged (?:me )?(?:twice|extra|again)|rip ?off", 1.5),
        (r"upset|sad|shame|worse|horrendous|disgusting|nightmare|waste of|not (?:happy|satisfied|impressed|good|great|ok|okay|fair|acceptable)|can'?t believe|declined|rejected|refused|blocked", 1.5),
        # Negation that is no negativity: "no problem", "not bad", "can't wait", "can't complain".
        (r"no (?:problem|worries|issues?)|not (?:a problem|bad|an issue)|don'?t worry|can'?t (?:wait|complain)|couldn'?t be (?:happier|better)|nothing wrong", -1.5),
    ],
    "spam": [
        (r"click (?:here|the link|below)|link in (?:bio|profile|my profile)|visit my (?:page|profile|channel)", 2.5),
        (r"dm me|message me|whatsapp me|text me|contact me for|send me a (?:dm|message|private message)", 2.0),
        (r"earn \$?\d+|make money|passive income|work from home|guaranteed (?:profit|income)|investment|crypto|bitcoin|forex|trading tips", 2.5),
        (r"free (?:iphone|gift|followers|money)|giveaway|you(?:'ve| have)? won|claim (?:it|your)|promo code|limited offer|\d+ ?% off|buy one get one", 2.0),
        (r"followers|likes|betting|casino|loans?|no credit check|hot singles", 1.5),
    ],
    "abuse": [
        (r"idiot|idiots|moron|morons|imbecile|retard|retarded|dumbass|jackass|asshole|assholes|bitch|bastard", 2.5),
        (r"you(?:'re| are) (?:stupid|an idiot|dumb|a moron|pathetic|useless|trash|garbage|a joke)", 3.0),
        (r"bunch of (?:idiots|clowns|morons|losers|amateurs|incompetents|thieves|liars|muppets|fools)", 3.0),
        (r"(?:you|u) (?:absolute|complete|total|utter|stupid|dumb|little) \w+|incompetent (?:idiots|clowns|fools|morons)", 2.5),
        (r"clowns?|muppets?|fools?|losers?|incompetent|crybaby|whiny|pathetic loser", 1.5),
        (r"shut up|stfu|fuck (?:you|off)|f\*+ck (?:you|off)|go to hell|kill yourself|kys|piece of shit|scum", 3.0),
    ],
    # "Me too" shares the type of what it agrees with ("same here, it crashes" is a complaint,
    # "me too, love it" praise): ``cues.AGREES_WITH``, no type of its own.
    "agreement": [
        (r"same here|me too|same (?:problem|issue|thing|error|bug)|same for me|for me too|to me too"
         r"|ditto|(?:having|have|got|get|getting) the same|happens to me|happened to me|mine too", 1.5),
    ],
}


# --- Chat noise (mining.lang.noise) ------------------------------------------------------------
# Words of posts that carry no feedback, written for this project from the chats of
# ../shared/fixtures and WhatsApp's own invitation texts. Short words that also start real
# questions (how, what, is) are here only where a post made of them alone is noise ("how are you",
# "is anyone here").
NOISE = NoiseLexicon(
    laughter=word_set("lol lolz lmao lmfao rofl haha hahaha hehe xd"),
    greeting=word_set("""
        hi hello hey heya hiya yo howdy greetings morning afternoon evening night good gm gn day
        everyone everybody all guys folks people team yall y'all friends welcome back aboard
        happy birthday bday new year merry christmas xmas easter holidays holiday weekend week
        have a great nice lovely wonderful to you how are doing what's whats up sup wassup going
        hope well and again dear shalom"""),
    thanks=word_set("""
        thanks thank thx ty tysm tyvm thnx thanx tnx cheers appreciate appreciated appreciation
        much so very a lot lots for the help all everyone again in advance really many guys
        bunch ton million you your kindly greatly"""),
    presence=word_set("""
        anyone anybody someone somebody here there still alive awake around online up is are we
        you guys everyone this group dead active quiet checking just ping"""),
    reaction=word_set("""
        wow woah whoa nice cool great awesome amazing ok okay k kk sure yes yeah yep yup no nope
        nah true agreed agree same me too exactly right indeed omg oh ah oops damn yay woohoo
        congrats congratulations bravo well done good job love it this that so very i it's that's
        lit fire interesting noted got makes sense fair enough perfect sounds sweet haha wait what
        really lovely beautiful cute hmm hm mm yikes ugh meh ahh ooh"""),
    invite=word_set("""
        join joining zoom meeting meet google teams microsoft webex gotomeeting jitsi topic time
        id passcode password pin one tap mobile dial by your location find local number is
        inviting you to a scheduled invite invitation link group whatsapp telegram discord
        server follow open this my community click here s call video webinar register
        calendar event am pm utc gmt jerusalem athens london new york eastern time zone jan feb
        mar apr may jun jul aug sep sept oct nov dec january february march april june july
        august september october november december monday tuesday wednesday thursday friday
        saturday sunday at on the and or us"""),
    link=word_set("check this out look see here link read watch article video via source more "
                  "info at the new from our latest"),
)

# The wording of issue-tracker and forum templates (GitHub's default bug and feature forms, and the
# forms big projects ship), as (phrase, replacement). A template's prompts and instructions are the
# same in every post that uses it ("A clear and concise description of what the problem is", "Does
# this issue occur when all extensions are disabled?", "Please go to Stack Overflow for help and
# support"), so their words ("problem", "bug", "Stack Overflow", the prompt's "?") are no cue and are
# taken out; a prompt that only one kind of template asks ("Is your feature request related to a
# problem?") or whose answer says what the post is ("Do you want to request a feature or report a
# bug? Feature") becomes that declaration. A phrase's words match with any punctuation or markdown
# between them; ``*`` stands for one word. Written for `mining` (MIT).
_DROP = ". "
FORMS: tuple[tuple[str, str], ...] = (
    # GitHub's default forms (bug_report.md, feature_request.md).
    ("is your feature request related to a problem please describe", ". Type: feature. "),
    ("a clear and concise description of what the problem is", _DROP),
    ("ex i'm always frustrated when", _DROP),
    ("describe the solution you'd like", _DROP),
    ("a clear and concise description of what you want to happen", _DROP),
    ("describe alternatives you've considered", _DROP),
    ("a clear and concise description of any alternative solutions or features you've considered", _DROP),
    ("add any other context or screenshots about the feature request here", _DROP),
    ("a clear and concise description of what the bug is", _DROP),
    ("a clear and concise description of what you expected to happen", _DROP),
    ("if applicable add screenshots to help explain your problem", _DROP),
    ("add any other context about the problem here", _DROP),
    ("please complete the following information", _DROP),
    # A form that asks which kind of post it is: the answer follows the prompt.
    ("do you want to request a feature or report a bug", ". Type: "),
    ("what is the current behavior", _DROP),
    ("if the current behavior is a bug please provide the steps to reproduce and if possible a minimal "
     "demo of the problem", _DROP),
    ("your bug will get fixed much faster if we can run your code and it doesn't have dependencies "
     "other than *", _DROP),
    ("paste the link to your jsfiddle or codesandbox example below", _DROP),
    ("what is the expected behavior", _DROP),
    ("which versions of * and which browser os are affected by this issue", _DROP),
    ("did this work in previous versions of *", _DROP),
    ("how often does this bug happen", _DROP),
    # Forms whose headings every kind of post fills in (bug, feature, support alike).
    ("please go to stack overflow for help and support", _DROP),
    ("if you open a github issue here is our policy", _DROP),
    ("it must be a bug a feature request or a significant problem with the documentation", _DROP),
    ("for small docs fixes please send a pr instead", _DROP),
    ("it shouldn't be a * issue", _DROP),
    ("here's why we have that policy", _DROP),
    ("click to expand", _DROP),
    ("have i written custom code as opposed to using a stock example script provided in *", _DROP),
    ("have you reproduced the bug with * nightly", _DROP),
    ("standalone code to reproduce the issue", _DROP),
    ("relevant log output", _DROP),
    ("current behaviour", _DROP),
    ("current behavior", _DROP),
    ("if the issue happens on a mobile device", _DROP),
    ("does this issue occur when all extensions are disabled yes no", _DROP),
    ("does this issue occur when all extensions are disabled", _DROP),
    ("report issue dialog can assist with this", _DROP),
    ("please search existing issues to avoid creating duplicates", _DROP),
    ("please read our rules of conduct", _DROP),
    ("generated by issue reporter", _DROP),
    ("describe the feature you'd like", ". Type: feature. "),
    # A checklist the writer ticks: one item declares a bug report, the others are the form's.
    ("i report the issue it's not a question", ". Bug report: "),
    ("i checked the problem with documentation faq open issues * * * stack overflow etc and have not "
     "found any solution", _DROP),
    ("i updated to the latest * version and the issue is still there", _DROP),
    ("there is reproducer code and related data files", _DROP),
    # A pull request's checklist.
    ("pull request readiness checklist", _DROP),
    ("i agree to contribute to the project under * * license", _DROP),
    ("the pr is proposed to the proper branch", _DROP),
    ("there is a reference to the original bug report and related work", _DROP),
    ("there is accuracy test performance test and test data in * repository if applicable", _DROP),
    ("the feature is well documented and sample code can be built with the project cmake", _DROP),
)

LANGUAGE = Language(code="en", name="English", stop_words=STOP_WORDS,
                    function_words=word_set(" ".join(_SPACY), str), filler=FILLER,
                    normalize=str, cues=CUES, proclitics=PROCLITICS, noise=NOISE,
                    forms=FORMS)

# E-mail sign-offs and device footers that end a ticket or a mail (``mining.lang.SIGN_OFF``).
SIGN_OFFS = (r"sent from my (?:iphone|ipad|android|samsung|galaxy|mobile|phone|pixel)(?: \w+)?",
             r"sent from (?:mail|outlook) for (?:windows|ios|android)(?: \d+)?",
             r"get outlook for (?:ios|android)", r"(?:best |kind |warm )?regards", r"cheers")
