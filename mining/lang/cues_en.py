"""English cues for feedback type, sentiment, spam and abuse (used by ``mining.challenges``).

Written for `mining` (project license, MIT); no external source. Each entry is a regular
expression and a weight (1 weak, 2 clear, 3 near-certain). Patterns are matched as whole words on
folded text (``mining.normalize.fold_text``: lower case, accents removed). A pattern starting with
``^`` only matches at the start of a sentence. Apostrophes are optional (``doesnt``/``doesn't``).
"""

PROCLITICS = ""

_NOT = r"(?:not|never|no longer|doesn'?t|don'?t|didn'?t|won'?t|can'?t|cannot|couldn'?t|isn'?t|aren'?t|wasn'?t|wont|cant)"

CUES: dict[str, list[tuple[str, float]]] = {
    "question": [
        (r"^(?:how|what|when|where|which|who|whom|whose|is there|are there|is it|are you|do you|does|"
         r"did|can i|can we|can you|could i|should i|will|has anyone|have you|any idea|anyone know)", 2.0),
        (r"^(?:is|are|do|can|could|would|should|may|have|has)", 0.5),
        (r"does anyone|does anybody|anyone know|anybody know|anyone tried|any idea|any ideas|any tips", 2.5),
        (r"how (?:do|can|should|would|to)|is (?:there|it) (?:a|any) way|is it possible|what'?s the best way", 2.0),
        (r"question|quick question|wondering|i was wondering|not sure how|confused about|help me understand", 2.0),
        # A question that describes an error is a question (NLBSE, the dev set's GUIDE.md).
        (r"how (?:do|can|should|would) (?:i|we|you) (?:fix|solve|resolve|avoid|get rid of|work ?around|debug)"
         r"|what am i doing wrong|am i (?:missing|doing) (?:something|anything)|is (?:this|it) (?:a bug|expected"
         r"|normal|intended|possible)|why (?:is|does|do|did|am|are|was|can'?t|won'?t|isn'?t|doesn'?t) (?:my|it|this|the|i)",
         2.0),
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
    ],
    "praise": [
        (r"thank you|thanks (?:so much|a lot|a ton|again|guys|team)|many thanks|much appreciated|kudos|shout ?out", 2.5),
        (r"love (?:it|this|the|how|that|your)|loving (?:it|the)|great (?:job|app|service|work|team|update|experience)", 2.5),
        (r"amazing|awesome|excellent|fantastic|wonderful|brilliant|superb|outstanding|perfect|flawless|impressed", 2.0),
        (r"well done|keep it up|highly recommend|recommend it|best (?:app|service|team|update)|five stars|5 stars", 2.5),
        (r"works (?:great|perfectly|like a charm)|so (?:much )?(?:easier|better|faster)|happy with|satisfied", 2.0),
    ],
    "positive": [
        (r"thank you|thanks|thx|appreciate\w*|kudos|love|loving|great|amazing|awesome|excellent|fantastic", 2.0),
        (r"wonderful|brilliant|perfect|impressed|recommend|happy|glad|pleased|satisfied|well done|finally", 2.0),
        (r"good|nice|fast|easy|helpful|fresh|friendly|cool|smooth|better|best|works fine|fixed", 1.0),
    ],
    "negative": [
        (r"ridiculous|unacceptable|terrible|awful|horrible|worst|disgrace\w*|pathetic|useless|garbage|trash", 2.0),
        (r"rubbish|scam|fed up|sick of|tired of|annoying|annoyed|frustrat\w*|disappoint\w*|angry|furious|hate|wtf", 2.0),
        (r"not working|doesn'?t work|broken|crash\w*|stuck|freez\w*|bug|error|fail\w*|never arrived|no response", 1.5),
        (r"bad|poor|slow|late|missing|wrong|problem|issue|unfortunately|sadly|again|waiting|sucks|meh", 1.0),
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
}
