"""English resources: stop words for social text."""
from spacy.lang.en.stop_words import STOP_WORDS as _SPACY

# Chat fillers, greetings and platform words that say nothing about a topic.
CHAT_WORDS = {
    "lol", "lmao", "haha", "hahaha", "omg", "pls", "plz", "please", "thx", "thanks", "thank", "ty",
    "hi", "hey", "hello", "guys", "ok", "okay", "yeah", "yes", "yep", "nope", "tbh", "ngl", "imo",
    "btw", "idk", "smh", "fr", "bruh", "u", "ur", "im", "dont", "cant", "didnt", "doesnt", "isnt",
    "ive", "thats", "anyone", "anybody", "just", "like", "really", "got", "get", "gonna", "wanna",
    "know", "think", "also", "still", "would", "could", "one", "even", "well", "oh", "ah", "wow",
    "media", "omitted", "joined", "left", "deleted", "message", "edited", "image", "video", "sticker",
}
STOP_WORDS = frozenset(_SPACY) | CHAT_WORDS
