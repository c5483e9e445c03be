"""Cypriot Greek function words, counted as Greek stop words.

Cypriot posts write the conjunctions, particles, pronouns and light verbs of Standard Modern Greek
in their own forms (``τζιαι`` for ``και``, ``εννα`` for ``θα``, ``ούλλα`` for ``όλα``, ``ίντα``
for ``τι``, ``λαλώ`` for ``λέω``); uncounted, they become a Cypriot topic's top keywords and split
topics by dialect rather than by meaning.

Source: the words of the Cypriot half of the greek-dialect corpus (``../shared/corpora/
greek-dialect/cg_*.txt``, MIT) seen at least three times there and never or almost never in its
Standard Modern Greek half (``smg_*.txt``), ranked by that ratio; of the top 120, the closed-class
words and the light verbs whose standard forms are already stop words (κάνω, λέω, έχω, ξέρω,
έρχομαι) were kept by reading, with the other spellings of the same words (τζείνος, τζιείνος). Content words of the dialect (πράμα, κοπέλια, αληθκεια) stay
countable.
"""
from __future__ import annotations

CYPRIOT_FUNCTION_WORDS = """
τζιαι τζαι τζιαί τζαί τζι τζ τζε εν έν έννα εννα έννεν εννεν ένει ενει μεν μέν έτο ετο άμαν άμα
όξα οξά άτε άμπα ώσπου
τες τεσ στες μιαν τούτο τούτα τούτη τούτον τούτοι τούτες τούτος τούτους τζείνο τζείνη τζείνα
τζείνον τζείνοι τζείνους τζείνες τζείνης τζιείνος τζιείνο τζιείνη τζιείνα τζιείνον τζιείνοι
τζιείνους τζιείνες ήνταλως ίνταλως μπου νάμπου τζιόλας ούλλα ούλλοι ούλλους ούλλες όλαν γιω
εγιώ ίντα ήντα ποιον πιον
δαμέ δαμαί τζιαμέ τζιαμαί πάλε μόνον λλίον λλίο λίον λίο πόττε τίποτε σιούρα πε
έσιει έσιεις έσσιει εσιη έσιη έσιω έσιουμε έσιουν είσιεν είσιε κάμω κάμνω κάμνεις κάμνει κάμνουμε
κάμνουν κάμει κάμεις κάμουμε έκαμα έκαμες έκαμεν έκαμνα λαλώ λαλείς λαλεί λαλούμε λαλούσιν
λαλούν ελάλησα ήξερω ηξέρω ήρτεν έρτει έρτω ήρτα είμαστεν είσαστεν είσαι ήμουν
""".split()

# Cypriot question words and phrasings (folded: no accents, ``σ`` for every sigma), written for
# this project from the greek-dialect corpus's Cypriot posts ("Ε οϊ κόρη ίντα πού παθες;", "Μα εν
# για τζιείνο το δείπνον που έστησεν που λαλείς;", "εν να μας πει κανένας ποιοι εν υπέρ;"):
# ίντα/ήντα (what), ιντά/γιατί ιντά (why), ίνταλως (how), πόττε (when), πόσα, πού, "εν να" (will).
CYPRIOT_QUESTION_WORDS = r"ιντα|ηντα|ινταλωσ|ηνταλωσ|ποττε|ποιον|ποιαν|ποσα|ποσοι|πουν|γιατι ιντα"
CYPRIOT_QUESTION_PHRASES = r"(?:ιντα|ηντα) (?:που|εν|καμνεισ|καμνετε|γινεται|λαλεισ|θωρεισ)|εν να (?:μασ|μου|σου) (?:πει|πειτε)"
