"""Keywords and labels in the spelling their own posts use (review 13, R13-5): a card's "PIN" in
a challenge of card questions, though the run's posts about Pinterest's boards say "pins" more
often. The posts are real: app reviews' feature requests about pins on boards and Banking77's
card questions, as review 13's Discord server held them."""
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

from mining.challenges.clusters import challenge_model
from mining.config import ChallengesConfig
from mining.embed.align import LanguageAligner

BOARDS = [
    'Would be nice to easily move pins if pinned mistakingly to wrong bored.',
    'Brittany Lauren , Please please please give us an update to be able to search for pins on our boards!',
    'Not impressed with update, also need to put a sidebar on pins so you can see how far you have to scroll down to get to the bottom of a topic.',
    'I would of given it a 5 if I could pin on Pinterest from it.',
    'The only thing I would love added to Pinterest overall is keywords because a lot of times the captions for the pin do not contain any information about what the pin is about and then there is no way to search for it.',
    'It would be cool to see some type of messaging system integrated where you could suggest a pin to a friend or be alerted if one of your friends commented on something you pinned.',
    'It still needs improvements at the functionality level, such as allowing a bigger number of secret boards, more flexibility in the search of pins, pinners, and boards, and more flexibility in the display on one s pins and boards and boards that are followed.',
    'While Pinterest is still a great idea, the fact that the home feed is now more than 50% related pins" is very annoying."',
    'app is good but i would like to suggest. can you add a PIN conversation so that the specific chat can stay on the top always',
    'I receive a lot of pins and its frustrating that the pins show up small I think it would be cool if it comes up like the pins do when we are pinning.',
    'If only every pin had a direct link to how to buy it or the items inside.',
    'Please take off the new update where it recommends sending certain pins to people who may like it on your Facebook friends list.',
    'Very annoyed that I can t delete pins from notifications tab.',
    'Having the pins on the left needs to be moved back to the middle.',
    'Hi! Hoping that you can make up to 3 message pins in group chats, thanks!',
    'Wish you could save images that you are trying to pin!',
    'I only wish that you could remove previous pins from a board or move them to a different board, just so you can correct a finger slip or get rid of things that you didn t end up liking.',
]
CARDS = [
    'What cash machines will let me change my PIN?',
    'I have used all of my PIN tries. What should I do now?',
    'I tried the wrong PIN too many times.',
    'Where can I locate my PIN at?',
    'Will the PIN come separately?',
    'My account is locked because I used the wrong pin too many times. Please help.p',
    'What steps do I have to take to change my PIN?',
    "Where is my pin? I don't have it yet",
    'Which countries can I change my PIN in?',
    "How can I change my PIN even though I'm out of the country in Austria at the moment?",
    'Can you unblock my pin because I put the wrong one too many times.',
    'How do I know what my PIN is?',
    'I attempted to enter my pin to many times.',
    'How do I find the PIN?',
    'How long does it take for me to get my pin',
    'How long do I wait for my PIN',
    'I do not see the card PIN anywhere?',
    'Where is the PIN for my card located?',
]


def test_a_keyword_is_spelt_as_its_own_posts_spell_it(embed):
    texts = BOARDS + CARDS
    posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(texts))], "text": texts,
                          "text_norm": texts, "lang": "en"})
    aligned = LanguageAligner(min_posts=5).fit_transform(embed(texts), posts["lang"].to_numpy())
    model = challenge_model(ChallengesConfig())
    model.topic_model.set_params(clusterer=KMeans(n_clusters=2, n_init=10, random_state=0),
                                 merge=False)
    model.fit(posts, aligned)
    cards = np.bincount(model.labels_[len(BOARDS):][model.labels_[len(BOARDS):] >= 0]).argmax()
    row = model.table_.set_index("topic_id").loc[cards]
    words = row["keywords_en"].split("; ")
    assert "PIN" in words and "pins" not in words, words
    assert "pins" not in row["label"].split(" · ")
