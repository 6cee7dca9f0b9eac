#!/usr/bin/env python3
"""Synthetic catalog entries and search queries for benchmarks and tests.

    synthetic_catalog.py --count 10000 --seed 1 > corpus.jsonl
    synthetic_catalog.py --queries 1000 --seed 42 > queries.txt

--count N writes N entries as JSON Lines in the shape `lc-indexer import`
reads (UTF-8, NFC, every field present): slug, kind, name/summary/body with
"vi" and "en", aliases (1-3), themes, area (the 2025 unit that holds the
seat of one of the eight former districts, with that district as
former_district), location (a few kilometres from that seat, with precision
"approximate" and a source saying it is synthetic), ocop_stars (3-5
for products, null otherwise), certifications, season (sorted months) and
status "published". Each body has 80-300 words per language, drawn from the
word lists below with Zipf-like weights, so term frequencies look like text.

--queries N writes N queries, one per line, lowercase: about 35% Vietnamese
with diacritics (1-3 syllables), 25% the same folded to ASCII, 20% English
(1-2 words) and 20% two-word phrases in double quotes, which consumers run
as phrase searches (other lines AND their words).

Deterministic: entry i depends only on (seed, i) and the entries before it
(a slug taken earlier gets a -2, -3 suffix), so the first K lines of a
--count N run equal a --count K run; query j depends only on (seed, j).
The text is filler: place names are made from syllables, figures are random
and nothing in it is a fact about the province. Standard library only.
"""

import argparse
import json
import random
import sys
import unicodedata

# The province's districts and its city (well-established geography), with an
# approximate centre each; entries scatter around them.
# Former district → (the 2025 unit holding its seat, per Resolution
# 1670/NQ-UBTVQH15, and a point near that seat). Points stay within
# POINT_SPREAD degrees (about 2.5 km) of the seat, well inside the outline
# that validation checks.
AREAS = {
    "Tam Đường": ("xã Bình Lư", 22.36, 103.55), "Phong Thổ": ("xã Phong Thổ", 22.52, 103.35),
    "Sìn Hồ": ("xã Sìn Hồ", 22.34, 103.24), "Mường Tè": ("xã Bum Tở", 22.38, 102.75),
    "Nậm Nhùn": ("xã Nậm Hàng", 22.18, 102.97), "Tân Uyên": ("xã Tân Uyên", 22.17, 103.72),
    "Than Uyên": ("xã Than Uyên", 21.97, 103.80),
    "Thành phố Lai Châu": ("phường Tân Phong", 22.39, 103.46),
}
POINT_SPREAD = 0.02
POINT_SOURCE = "synthetic: near the former district's seat"

THEMES = ["community-tourism", "adventure", "culture", "festival", "tea", "agriculture",
          "handicraft", "cuisine", "nature", "heritage", "investment", "energy", "logistics"]

KINDS = ["destination", "product", "opportunity", "event"]
KIND_WEIGHTS = [40, 30, 15, 15]

# Syllables for made-up place names: first and second halves.
PLACE_HEAD = ["Nậm", "Pú", "Sì", "Tà", "Phìn", "Lùng", "Mù", "Hô", "Cán", "Nà", "Khau", "Sảng",
              "Bó", "Pắc", "Vàng", "Chiềng", "Xín", "Tủa", "Mường", "Hua", "Co", "Pa", "Noong",
              "Séo", "Thàng", "Giàng", "Lả", "Phiêng", "Huổi", "Sán"]
PLACE_TAIL = ["Lầy", "Chảy", "Phàng", "Kha", "Hòa", "Bủng", "Lếch", "Vàng", "Tỉnh", "Mò", "Dìn",
              "Chồ", "Lượm", "Ngài", "Sáng", "Pìa", "Tòng", "Luông", "Nọi", "Khằm", "Cướm",
              "Phương", "Hảng", "Lìu", "Ngải", "Xáy", "Sủ", "Mảy", "Pọng", "Thín"]

# Per kind: (Vietnamese, English) name stems; the place name follows.
NAME_STEMS = {
    "destination": [("Bản du lịch", "tourist village"), ("Thác", "waterfall"),
                    ("Đèo", "mountain pass"), ("Hang", "cave"), ("Đỉnh", "peak"),
                    ("Hồ", "lake"), ("Ruộng bậc thang", "rice terraces"),
                    ("Rừng", "forest"), ("Chợ phiên", "market"), ("Suối nóng", "hot spring")],
    "product": [("Chè", "tea"), ("Mật ong", "honey"), ("Gạo nếp", "sticky rice"),
                ("Miến dong", "arrowroot noodles"), ("Măng khô", "dried bamboo shoots"),
                ("Thổ cẩm", "brocade"), ("Rượu ngô", "corn wine"), ("Nấm hương", "shiitake"),
                ("Thảo quả", "black cardamom"), ("Cá suối", "stream fish")],
    "opportunity": [("Khu nghỉ dưỡng", "resort site"), ("Nhà máy chế biến", "processing plant"),
                    ("Vùng trồng", "growing area"), ("Trạm dừng chân", "roadside stop"),
                    ("Khu homestay", "homestay cluster"), ("Kho lạnh", "cold store"),
                    ("Điện mặt trời", "solar farm")],
    "event": [("Lễ hội", "festival"), ("Phiên chợ xuân", "spring fair"),
              ("Ngày hội văn hóa", "culture day"), ("Hội thi", "contest"),
              ("Tuần lễ", "week")],
}
KIND_THEMES = {
    "destination": ["nature", "adventure", "community-tourism", "heritage"],
    "product": ["agriculture", "tea", "cuisine", "handicraft"],
    "opportunity": ["investment", "energy", "logistics", "agriculture"],
    "event": ["festival", "culture", "heritage", "cuisine"],
}
CERTIFICATES = ["VietGAP", "OCOP", "hữu cơ", "chỉ dẫn địa lý"]

# Filler vocabulary, most common first (the Zipf weights follow the order).
VI_WORDS = {
    "subject": ["người dân", "du khách", "hợp tác xã", "bà con", "các hộ", "chính quyền xã",
                "thanh niên", "người cao tuổi", "nhóm phụ nữ", "doanh nghiệp nhỏ",
                "khách nước ngoài", "học sinh", "người làm nghề", "nghệ nhân"],
    "verb": ["giữ gìn", "phát triển", "chăm sóc", "giới thiệu", "khám phá", "thu hái",
             "chế biến", "bày bán", "dựng lại", "ghé thăm", "trồng thêm", "mở rộng",
             "kể lại", "thử", "học", "ngắm", "đón", "dệt", "nấu", "đi bộ qua"],
    "object": ["nương chè", "con đường đất", "mái nhà", "vườn cây", "dòng suối", "món ăn",
               "đồi cỏ", "phiên chợ", "tấm vải", "giống lúa", "bếp lửa", "cây cầu treo",
               "cánh rừng", "mùa gặt", "điệu múa", "tiếng khèn", "sân phơi", "lối mòn",
               "ruộng nước", "đàn ong", "gian hàng", "ngôi trường", "bãi đá", "mỏm núi"],
    "quality": ["xanh", "yên tĩnh", "mát", "sạch", "cao", "lâu đời", "mới", "rộng",
                "đông vui", "gần gũi", "thơm", "đẹp", "mộc mạc", "vững chắc", "nhỏ"],
    "when": ["vào mùa xuân", "quanh năm", "sau vụ gặt", "mỗi sáng", "cuối tuần",
             "khi trời tạnh mưa", "trong mùa khô", "dịp đầu năm", "lúc chiều muộn"],
}
EN_WORDS = {
    "subject": ["villagers", "visitors", "the cooperative", "families", "the commune",
                "young people", "elders", "women's groups", "small firms", "foreign guests",
                "pupils", "craftspeople", "artisans"],
    "verb": ["keep", "grow", "tend", "show", "explore", "pick", "process", "sell",
             "rebuild", "visit", "plant", "expand", "retell", "taste", "learn", "watch",
             "welcome", "weave", "cook", "walk past"],
    "object": ["tea slopes", "dirt roads", "roofs", "gardens", "streams", "dishes",
               "grass hills", "markets", "cloth", "rice seed", "hearths", "rope bridges",
               "woods", "harvests", "dances", "pipe music", "drying yards", "footpaths",
               "paddies", "bee hives", "stalls", "schools", "rock fields", "ridges"],
    "quality": ["green", "quiet", "cool", "clean", "high", "old", "new", "wide", "lively",
                "friendly", "fragrant", "pretty", "plain", "sturdy", "small"],
    "when": ["in spring", "all year", "after the harvest", "every morning", "at weekends",
             "after the rain", "in the dry season", "early in the year", "late in the day"],
}

# Query material: words and phrases that occur in the generated text.
EN_QUERY_WORDS = [w for key in ("object", "quality") for w in EN_WORDS[key]] + \
    [en for stems in NAME_STEMS.values() for _, en in stems]
EN_PHRASES = [en for stems in NAME_STEMS.values() for _, en in stems if " " in en] + \
    [o for o in EN_WORDS["object"] if " " in o]


def zipf_pick(rng, items, s=1.0):
    """One item, the r-th (from 1) with weight 1/r^s."""
    weights = [1.0 / (r ** s) for r in range(1, len(items) + 1)]
    return rng.choices(items, weights=weights)[0]


def fold(text):
    """Vietnamese without diacritics, as people type it on a plain keyboard."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text):
    out, dash = [], False
    for c in fold(text).lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif out and not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:80].strip("-")


def place_name(rng):
    return zipf_pick(rng, PLACE_HEAD, 0.7) + " " + zipf_pick(rng, PLACE_TAIL, 0.7)


def sentence_vi(rng, place):
    w = VI_WORDS
    pick = lambda key: zipf_pick(rng, w[key])  # noqa: E731
    forms = [
        lambda: f"{pick('subject').capitalize()} {pick('verb')} {pick('object')} {pick('quality')} {pick('when')}.",
        lambda: f"Ở {place}, {pick('subject')} {pick('verb')} {pick('object')} và {pick('object')}.",
        lambda: f"{pick('object').capitalize()} ở đây {pick('quality')} và {pick('quality')}, {pick('when')}.",
        lambda: f"Khoảng {rng.randint(2, 90) * 10} {pick('subject')} {pick('verb')} {pick('object')} {pick('when')}.",
    ]
    return rng.choice(forms)()


def sentence_en(rng, place):
    w = EN_WORDS
    pick = lambda key: zipf_pick(rng, w[key])  # noqa: E731
    forms = [
        lambda: f"{pick('subject').capitalize()} {pick('verb')} {pick('quality')} {pick('object')} {pick('when')}.",
        lambda: f"In {place}, {pick('subject')} {pick('verb')} {pick('object')} and {pick('object')}.",
        lambda: f"The {pick('object')} here are {pick('quality')} and {pick('quality')} {pick('when')}.",
        lambda: f"About {rng.randint(2, 90) * 10} {pick('subject')} {pick('verb')} {pick('object')} {pick('when')}.",
    ]
    return rng.choice(forms)()


def body(rng, first, sentence, place):
    """80-300 words in 2-4 paragraphs, opening with `first`."""
    target = rng.randint(80, 300)
    sentences, words = [first], len(first.split())
    while True:
        s = sentence(rng, place)
        if words + len(s.split()) > target:
            break
        sentences.append(s)
        words += len(s.split())
    while words < 80:  # a short first pick: add short ones until the floor
        s = sentence(rng, place)
        sentences.append(s)
        words += len(s.split())
    cuts = sorted(rng.sample(range(1, len(sentences)), min(rng.randint(1, 3), len(sentences) - 1)))
    paragraphs, start = [], 0
    for cut in cuts + [len(sentences)]:
        paragraphs.append(" ".join(sentences[start:cut]))
        start = cut
    return "\n\n".join(p for p in paragraphs if p)


def make_entry(seed, i):
    rng = random.Random(f"lc-synthetic-entry/{seed}/{i}")
    kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
    district = rng.choice(sorted(AREAS))
    area, lat0, lon0 = AREAS[district]
    place = place_name(rng)
    stem_vi, stem_en = rng.choice(NAME_STEMS[kind])
    name_vi = f"{stem_vi} {place}"
    name_en = f"{fold(place)} {stem_en}"
    where_vi = district if district.startswith("Thành phố") else f"huyện {district} cũ"
    where_en = "former Lai Chau city" if district.startswith("Thành phố") \
        else f"former {fold(district)} district"
    summary_vi = f"{name_vi} ở {where_vi}, nơi {zipf_pick(rng, VI_WORDS['subject'])} " \
                 f"{zipf_pick(rng, VI_WORDS['verb'])} {zipf_pick(rng, VI_WORDS['object'])}."
    summary_en = f"{name_en} in {where_en}, where {zipf_pick(rng, EN_WORDS['subject'])} " \
                 f"{zipf_pick(rng, EN_WORDS['verb'])} {zipf_pick(rng, EN_WORDS['object'])}."
    lat = lat0 + min(max(rng.gauss(0, POINT_SPREAD / 2), -POINT_SPREAD), POINT_SPREAD)
    lon = lon0 + min(max(rng.gauss(0, POINT_SPREAD / 2), -POINT_SPREAD), POINT_SPREAD)
    themes = set(rng.sample(KIND_THEMES[kind], rng.randint(1, 3)))
    if rng.random() < 0.15:
        themes.add(rng.choice(THEMES))
    start = rng.randint(1, 12)
    season = sorted({(start - 1 + k) % 12 + 1 for k in range(rng.randint(1, 6))})
    aliases = [fold(name_vi), name_en, place][: rng.randint(1, 3)]
    certifications = []
    if kind == "product" and rng.random() < 0.5:
        certifications = rng.sample(CERTIFICATES, rng.randint(1, 2))
    entry = {
        "slug": slugify(name_vi),
        "kind": kind,
        "name": {"vi": name_vi, "en": name_en},
        "summary": {"vi": summary_vi, "en": summary_en},
        "body": {"vi": body(rng, summary_vi, sentence_vi, place),
                 "en": body(rng, summary_en, sentence_en, fold(place))},
        "aliases": list(dict.fromkeys(a for a in aliases if a != name_vi)) or [fold(place)],
        "themes": [t for t in THEMES if t in themes],
        "area": area,
        "former_district": district,
        "location": {"lat": round(lat, 6), "lon": round(lon, 6), "precision": "approximate",
                     "source": POINT_SOURCE},
        "ocop_stars": rng.randint(3, 5) if kind == "product" else None,
        "certifications": certifications,
        "season": season,
        "status": "published",
    }
    return normalized(entry)


def normalized(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items()}
    return value


def write_entries(count, seed, out):
    taken = set()
    for i in range(count):
        entry = make_entry(seed, i)
        slug, n = entry["slug"], 1
        while slug in taken:
            n += 1
            slug = f"{entry['slug']}-{n}"
        taken.add(slug)
        entry["slug"] = slug
        out.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")


def vietnamese_query(rng):
    r = rng.random()
    if r < 0.3:
        q = place_name(rng)
    elif r < 0.5:
        q = rng.choice(NAME_STEMS[rng.choice(KINDS)])[0]
    elif r < 0.65:
        q = rng.choice(sorted(AREAS))
    else:
        q = zipf_pick(rng, VI_WORDS[rng.choice(["object", "verb", "quality"])])
    return " ".join(q.lower().split()[:3])


def make_query(seed, j):
    rng = random.Random(f"lc-synthetic-query/{seed}/{j}")
    r = rng.random()
    if r < 0.35:
        q = vietnamese_query(rng)
    elif r < 0.60:
        q = fold(vietnamese_query(rng))
    elif r < 0.80:
        q = " ".join(zipf_pick(rng, EN_QUERY_WORDS, 0.8).split()[:2])
    else:
        rr = rng.random()
        if rr < 0.6:
            words = zipf_pick(rng, VI_WORDS["object"]).split()
            phrase = " ".join(words[:2]) if len(words) > 1 else \
                words[0] + " " + zipf_pick(rng, VI_WORDS["quality"]).split()[0]
        elif rr < 0.8:
            phrase = fold(" ".join(place_name(rng).split()[:2]))
        else:
            phrase = " ".join(zipf_pick(rng, EN_PHRASES).split()[:2])
        q = f'"{phrase}"'
    return unicodedata.normalize("NFC", q.lower())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--count", type=int, metavar="N", help="write N entries (JSON Lines)")
    ap.add_argument("--queries", type=int, metavar="N", help="write N queries, one per line")
    ap.add_argument("--seed", default="1", help="any string; the same seed gives the same output")
    a = ap.parse_args(argv)
    if (a.count is None) == (a.queries is None):
        ap.error("give exactly one of --count N or --queries N")
    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    if a.count is not None:
        write_entries(a.count, a.seed, out)
    else:
        for j in range(a.queries):
            out.write(make_query(a.seed, j) + "\n")
    out.flush()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(0)
