"""Function words of other Latin-script languages, so that German or Indonesian is not taken for
English. Words that are also English are removed when the lists are built."""
from mining.lang.en import STOP_WORDS as _EN

_WORDS = {
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
OTHER_LATIN_WORDS = {lang: frozenset(words.split()) - _EN for lang, words in _WORDS.items()}
