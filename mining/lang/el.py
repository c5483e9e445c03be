"""Greek resources: stop words for social text (compared accent- and case-insensitively) and the
Greeklish words that tell Greek written in Latin letters from English."""
from spacy.lang.el.stop_words import STOP_WORDS as _SPACY

from mining.normalize import fold_text

CHAT_WORDS = {
    "χαχα", "χαχαχα", "χαχαχαχα", "χααχα", "ρε", "παιδιά", "παιδια", "καλημέρα", "καλησπέρα", "γεια",
    "ευχαριστώ", "ευχαριστω", "ευχαριστούμε", "ναι", "όχι", "οκ", "οκει", "εντάξει", "ενταξει",
    "λοιπόν", "απλά", "απλα", "κάποιος", "κάποια", "κανείς", "κανένας", "ξέρει", "ξερει", "μου",
    "σου", "μας", "σας", "του", "της", "τους", "πάλι", "ακόμα", "τώρα", "σήμερα", "χθες", "χτες",
    "έχω", "είναι", "ειναι", "ήταν", "θα", "να", "και", "το", "τα", "τη", "την", "ο", "η", "οι",
    "πολύ", "πολυ", "κάτι", "κατι", "φίλε", "φιλε", "άντε", "αντε", "βρε",
    "πολυμέσα", "παραλείφθηκαν", "μήνυμα", "διαγράφηκε", "επεξεργάστηκε",
}
STOP_WORDS = frozenset(fold_text(w) for w in _SPACY | CHAT_WORDS)

# Frequent Greek words as people write them in Latin letters (several spellings each). Words that
# are also English ("to", "me", "a") are left out so that they cannot tip English into Greek.
GREEKLISH_WORDS = frozenset("""
kai ke ta tin thn tis ths ton tou toy tous na den dn einai ine inai tha gia ya apo se sto sti stin
sthn stis sta ston pou poy pws pos giati giatі oti alla mou moy sou soy mas sas exei exi exw exo
eixa ixa kalhmera kalimera kalispera kalhspera efxaristw eyxaristw euxaristw efxaristo re paidia
ola kati kanei kani kanw kano mono akoma akomi tora twra enas ena mia kapoios kaneis kanis kapou
edw edo ekei oxi nai poly poli pio egw ego esy esu ayto afto auto aytos htan itan paraggelia
paragelia efarmogh efarmogi kwdikos kodikos leitourgei litourgei douleyei doulevei erxetai erxete
irthe hrthe thema provlima provlhma ti thelw thelo mporei mpori mporw boro mpainei ginetai ginete
opote kathe kala kalo kakos xalia xa xaxa xaxaxa vre ante ela lew leo mexri meta prin simera shmera
xthes kserei kseri ksero
""".split())
