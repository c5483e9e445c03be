"""Build the demo corpus exports from the hand-written posts (see SPEC.md).

Writes, deterministically (fixed seed):
  corpora/demo/whatsapp/צ'אט WhatsApp עם קהילת בסקטו 🧺 משתמשים.txt   Hebrew-locale Android export
  corpora/demo/telegram/result.json                                      Telegram Desktop JSON (Greek)
  corpora/demo/discord/Basketo Community - feedback [...].json           DiscordChatExporter JSON
  corpora/demo_answer_key.csv                                            one row per exported record

The platform noise each real export carries is added here: WhatsApp's encryption notice and join
lines in Hebrew, media placeholders, deleted and edited messages; Telegram service messages,
photos, reactions and edits; Discord joins, attachments-only messages and reactions.

Usage:
    python corpora/demo-source/build.py
"""
from __future__ import annotations

import csv
import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "demo"
KEY = HERE.parent / "demo_answer_key.csv"
START = datetime(2026, 6, 1)
SEED = 20260601
RLM, LRM, LRE, PDF = "\u200f", "\u200e", "\u202a", "\u202c"


def load(lang: str) -> list[dict]:
    with open(HERE / f"posts_{lang}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def with_times(posts: list[dict], rng: random.Random) -> list[dict]:
    """Give each post a local time on its day, increasing in file order (replies follow parents)."""
    by_day: dict[tuple[int, int], list[dict]] = {}
    for post in posts:
        by_day.setdefault((post["week"], post["day"]), []).append(post)
    for (week, day), group in by_day.items():
        base = START + timedelta(days=(week - 1) * 7 + day)
        minutes = sorted(rng.sample(range(7 * 60, 23 * 60 + 50), len(group)))
        for post, minute in zip(group, minutes):
            post["local"] = base + timedelta(minutes=minute, seconds=rng.randrange(60))
    return posts


class Key:
    """The answer key: one row per exported record, in export order."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, file: str, source_id: object, post: dict | None, lang: str, noise: str = "") -> None:
        self.rows.append({"file": file, "source_id": source_id,
                          "post": post["id"] if post else "", "community_lang": lang,
                          "type": post["type"] if post else "platform",
                          "key": (post or {}).get("key") or "", "noise": noise})

    def write(self) -> None:
        with open(KEY, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(self.rows[0]))
            writer.writeheader()
            writer.writerows(self.rows)


# --- WhatsApp (Android, Hebrew UI: d.M.yyyy, H:mm, system lines behind U+200F) ------------------

WA_NAME = "קהילת בסקטו 🧺 משתמשים"
WA_FILE = f"whatsapp/צ'אט WhatsApp עם {WA_NAME}.txt"
WA_ENCRYPTED = ("ההודעות והשיחות מוצפנות מקצה לקצה. לאף אחד מחוץ לצ'אט הזה, גם לא ל-WhatsApp, "
                "אין אפשרות לקרוא אותן או להאזין להן. יש להקיש כדי לקבל מידע נוסף.")


def wa_stamp(moment: datetime) -> str:
    return f"{moment.day}.{moment.month}.{moment.year}, {moment.hour}:{moment.minute:02d}"


def wa_author(name: str) -> str:
    # Phone numbers saved as names are wrapped in directional marks by WhatsApp.
    return f"{LRE}{name}{PDF}" if name.startswith("+") else name


def build_whatsapp(posts: list[dict], rng: random.Random, key: Key) -> None:
    lines, n = [], 0

    def record(moment, author, body, post=None, noise=""):
        nonlocal n
        n += 1
        head = wa_stamp(moment)
        lines.append(f"{head} - {RLM}{body}" if author is None else f"{head} - {wa_author(author)}: {body}")
        key.add(WA_FILE, n, post, "he", noise)

    first = posts[0]["local"] - timedelta(minutes=30)
    record(first, None, "הקבוצה נוצרה על ידי בסקטו - שירות לקוחות", noise="system")
    record(first, None, WA_ENCRYPTED, noise="system")
    seen: set[str] = set()
    for post in posts:
        moment, author = post["local"], post["author"]
        if author not in seen and rng.random() < 0.3:
            record(moment - timedelta(minutes=rng.randrange(1, 20)), None,
                   f"{author} הצטרף/ה באמצעות קישור ההזמנה של קבוצה זו", noise="system")
        seen.add(author)
        text = post["text"]
        if rng.random() < 0.02:
            text += " <ההודעה נערכה>"
        record(moment, author, text, post)
        if post["key"] == "C04" and post["type"] == "complaint" and rng.random() < 0.4:
            record(moment + timedelta(minutes=1), author, "<המדיה לא נכללה>", noise="media")
        elif rng.random() < 0.006:
            record(moment + timedelta(minutes=2), author, "הודעה זו נמחקה", noise="deleted")
    path = DEMO / WA_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- Telegram Desktop JSON (Greek group; local times of an Athens PC plus date_unixtime) -------

TG_NAME = "Basketo Ελλάδα - Κοινότητα"
TG_FILE = "telegram/result.json"
ATHENS = ZoneInfo("Europe/Athens")


def tg_user_id(name: str) -> str:
    return "user" + str(5_000_000_000 + sum(ord(c) * 131 ** i for i, c in enumerate(name)) % 999_999_999)


def tg_dates(moment: datetime) -> dict:
    aware = moment.replace(tzinfo=ATHENS)
    return {"date": moment.isoformat(timespec="seconds"), "date_unixtime": str(int(aware.timestamp()))}


def tg_text(text: str) -> tuple[object, list[dict]]:
    """Telegram writes plain text as a string, and a list of parts when it holds entities."""
    parts: list[dict] = []
    for word in text.split(" "):
        kind = "mention" if word.startswith("@") else "email" if "@" in word else "plain"
        if parts and kind == "plain" and parts[-1]["type"] == "plain":
            parts[-1]["text"] += " " + word
        else:
            if parts:
                if parts[-1]["type"] == "plain":
                    parts[-1]["text"] += " "
                else:
                    parts.append({"type": "plain", "text": " "})
            parts.append({"type": kind, "text": word})
    if all(p["type"] == "plain" for p in parts):
        return text, [{"type": "plain", "text": text}]
    return [p["text"] if p["type"] == "plain" else p for p in parts], parts


def build_telegram(posts: list[dict], rng: random.Random, key: Key) -> None:
    messages, ids = [], {}
    next_id = 1

    def add(message, post=None, noise=""):
        nonlocal next_id
        message = {"id": next_id, **message}
        messages.append(message)
        key.add(TG_FILE, next_id, post, "el", noise)
        next_id += 1
        return message["id"]

    first = posts[0]["local"] - timedelta(hours=1)
    add({"type": "service", **tg_dates(first), "actor": "Basketo Ελλάδα",
         "actor_id": tg_user_id("Basketo Ελλάδα"), "action": "create_group", "title": TG_NAME,
         "members": [], "text": "", "text_entities": []}, noise="system")
    seen: set[str] = set()
    for post in posts:
        author, moment = post["author"], post["local"]
        if author not in seen and rng.random() < 0.35:
            add({"type": "service", **tg_dates(moment - timedelta(minutes=rng.randrange(1, 30))),
                 "actor": author, "actor_id": tg_user_id(author), "action": "join_group_by_link",
                 "inviter": "Group", "text": "", "text_entities": []}, noise="system")
        seen.add(author)
        text, entities = tg_text(post["text"])
        message = {"type": "message", **tg_dates(moment), "from": author, "from_id": tg_user_id(author)}
        if post["reply_to"] in ids:
            message["reply_to_message_id"] = ids[post["reply_to"]]
        if rng.random() < 0.04:
            edited = moment + timedelta(minutes=rng.randrange(1, 15))
            message["edited"] = edited.isoformat(timespec="seconds")
            message["edited_unixtime"] = tg_dates(edited)["date_unixtime"]
        if post["key"] == "C04" and rng.random() < 0.3:
            message.update(photo="(File not included. Change data exporting settings to download.)",
                           photo_file_size=180_000 + rng.randrange(90_000), width=1280, height=960)
        message.update(text=text, text_entities=entities)
        weight = {"complaint": 0.45, "praise": 0.5, "request": 0.5}.get(post["type"], 0.2)
        if rng.random() < weight:
            emoji = rng.choice(["👍", "😡", "😢", "❤", "👎", "🔥"] if post["type"] == "complaint"
                               else ["👍", "❤", "🔥", "👏"])
            message["reactions"] = [{"type": "emoji", "count": rng.randint(1, 9), "emoji": emoji}]
        ids[post["id"]] = add(message, post)
    export = {"name": TG_NAME, "type": "private_supergroup", "id": 1987654321, "messages": messages}
    path = DEMO / TG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- DiscordChatExporter JSON (English server, times with the exporting PC's offset) -----------

DC_FILE = "discord/Basketo Community - feedback [1098765432101234567].json"
JERUSALEM = ZoneInfo("Asia/Jerusalem")
REACTIONS = {"thumbsup": "👍", "heart": "❤️", "rage": "😡", "joy": "😂", "pray": "🙏", "fire": "🔥"}


def dc_id(moment: datetime, n: int) -> str:
    # Discord snowflakes: milliseconds since 2015 shifted left 22 bits, made unique by a counter.
    ms = int(moment.replace(tzinfo=JERUSALEM).timestamp() * 1000) - 1_420_070_400_000
    return str((ms << 22) + n)


def dc_author(name: str) -> dict:
    return {"id": str(300_000_000_000_000_000 + sum(ord(c) * 7 ** i for i, c in enumerate(name)) % 10**17),
            "name": name, "discriminator": "0000", "nickname": name, "color": None,
            "isBot": False, "roles": [], "avatarUrl": "https://cdn.discordapp.com/embed/avatars/0.png"}


def build_discord(posts: list[dict], rng: random.Random, key: Key) -> None:
    messages, ids = [], {}

    def add(message, post=None, noise=""):
        messages.append(message)
        key.add(DC_FILE, message["id"], post, "en", noise)
        return message["id"]

    def base(moment, author, kind, content):
        return {"id": dc_id(moment, len(messages)), "type": kind,
                "timestamp": moment.replace(tzinfo=JERUSALEM).isoformat(timespec="milliseconds"),
                "timestampEdited": None, "callEndedTimestamp": None, "isPinned": False,
                "content": content, "author": dc_author(author), "attachments": [], "embeds": [],
                "stickers": [], "reactions": [], "mentions": [], "inlineEmojis": []}

    seen: set[str] = set()
    for post in posts:
        author, moment = post["author"], post["local"]
        if author not in seen and rng.random() < 0.3:
            add(base(moment - timedelta(minutes=rng.randrange(1, 30)), author, "GuildMemberJoin", ""),
                noise="system")
        seen.add(author)
        reply = post["reply_to"] in ids
        message = base(moment, author, "Reply" if reply else "Default", post["text"])
        if reply:
            message["reference"] = {"messageId": ids[post["reply_to"]],
                                    "channelId": "1098765432101234567", "guildId": "1098765432100000000"}
        if rng.random() < 0.03:
            edited = moment + timedelta(minutes=rng.randrange(1, 20))
            message["timestampEdited"] = edited.replace(tzinfo=JERUSALEM).isoformat(timespec="milliseconds")
        if rng.random() < {"complaint": 0.5, "praise": 0.5, "request": 0.6}.get(post["type"], 0.2):
            for code in rng.sample(sorted(REACTIONS), rng.randint(1, 2)):
                message["reactions"].append({"emoji": {"id": "", "name": REACTIONS[code], "code": code,
                                                       "isAnimated": False, "imageUrl": ""},
                                             "count": rng.randint(1, 8)})
        ids[post["id"]] = add(message, post)
        if post["key"] == "C04" and rng.random() < 0.3:
            shot = base(moment + timedelta(minutes=1), author, "Default", "")
            shot["attachments"] = [{"id": shot["id"], "url": "https://cdn.discordapp.com/attachments/x/order.jpg",
                                    "fileName": "order.jpg", "fileSizeBytes": 204_800}]
            add(shot, noise="media")
    export = {"guild": {"id": "1098765432100000000", "name": "Basketo Community", "iconUrl": ""},
              "channel": {"id": "1098765432101234567", "type": "GuildTextChat",
                          "categoryId": "1098765432100000001", "category": "Community",
                          "name": "feedback", "topic": "Bugs, questions and ideas about Basketo"},
              "dateRange": {"after": None, "before": None},
              "exportedAt": "2026-09-07T09:00:00.000+03:00",
              "messages": messages, "messageCount": len(messages)}
    path = DEMO / DC_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(SEED)
    key = Key()
    build_whatsapp(with_times(load("he"), rng), rng, key)
    build_telegram(with_times(load("el"), rng), rng, key)
    build_discord(with_times(load("en"), rng), rng, key)
    key.write()
    print(f"{len(key.rows)} records written to {DEMO} and {KEY.name}")


if __name__ == "__main__":
    main()
