"""Domain vocabulary: synonyms, the names of the 30 items, and typo repair.

Elderly residents type with pinyin input and pick the wrong homophone (底保,
高令, 结昏). A window of the message whose toneless pinyin equals a domain term,
and which is not itself a common word, is read as that term.
"""
from __future__ import annotations

import itertools
import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")  # single characters are all we need
from pypinyin import Style, pinyin  # noqa: E402

from intents.normalize import normalize  # noqa: E402

CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# Function characters are typed on purpose: 不办了 is not 补办了.
OBJECT_OF = re.compile(r"(申请|办|领|认定|做|开|补)$")
NEVER_SLIPS = frozenset("不没了的是在有我你他她要会能就都也还一这那吗呢吧啊和")
# Sounds that dialects and pinyin input confuse: flat/retroflex, n/l, front/back nasals.
_NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("z", "zh"), ("c", "ch"), ("s", "sh"),
                  ("n", "l"), ("l", "n"))
_NEAR_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"), ("in", "ing"), ("en", "eng"),
                ("an", "ang"))
# Mentions that state the resident's situation rather than ask: "我是低保户",
# "家里吃低保的", "已经领了高龄津贴", "离婚以后"; and corrections "不是(问)X".
STATUS_BEFORE = re.compile(r"((我|俺|咱|他|她|家|里|们|爸|妈|爹|娘|子|人)是|属于|享受着?"
                           r"|领着|领了|拿着|拿了|办了|办过|已经|作为)$")
STATUS_TERM = re.compile(r"^吃|户$")
STATUS_AFTER = re.compile(r"(以后|之后|后|的时候|期间)")
# A done thing told of one person ("我离婚了", "他结过婚了"): who they are, not what is asked
# (a couple's "我们离婚了" may ask about both).
PERSON_BEFORE = re.compile(r"(我|俺|他|她)$")
DONE_AFTER = re.compile(r"(过)?了")
# "能不能吃低保": whether one may, the question itself (吃X is a status otherwise).
MAY_BEFORE = re.compile(r"(能不能|可不可以|能|可以|想|要|申请|才能|够)$")
# "我爸领低保的": one who gets it, said of a person.
GETS_BEFORE = re.compile(r"(领|拿|吃|享受)$")
NEGATED_BEFORE = re.compile(r"不是(问|说|要|办|申请|想问)?(的是)?$|不问$|不办$")
BACKGROUND, NEGATED = 1.5, 3.0
SHAPES_FILE = Path(__file__).with_name("shapes.txt")


def _shape_groups() -> dict[str, str]:
    groups: dict[str, str] = {}
    for line in SHAPES_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            for ch in line:
                groups[ch] = groups.get(ch, "") + line.replace(ch, "")
    return groups


SHAPE_ALIKE = _shape_groups()


def near_sounds(syllable: str) -> set[str]:
    """Syllables one dialect or input slip away (zhi/zi, lin/ling, nan/lan)."""
    out = set()
    for a, b in _NEAR_INITIALS:
        if syllable.startswith(a) and not (a in ("z", "c", "s") and syllable[1:2] == "h"):
            out.add(b + syllable[len(a):])
    for a, b in _NEAR_FINALS:
        if syllable.endswith(a) and not (a in ("in", "en", "an") and syllable.endswith(a + "g")):
            out.add(syllable[:-len(a)] + b)
    out.discard(syllable)
    return out


@lru_cache(maxsize=20000)
def slip_readings(char: str) -> tuple[str, ...]:
    """Readings a mistyped character may stand for: near sounds and shape-alikes."""
    own = readings(char)
    extra = set()
    for reading in own:
        extra |= near_sounds(reading)
    for other in SHAPE_ALIKE.get(char, ""):
        extra.update(readings(other))
    return tuple(sorted(extra - set(own)))


def plausible_slip(typed: str, meant: str) -> bool:
    """Typed for meant by sound (same or near) or by shape (listed as alike).

    A shape-alike's readings only find candidates: 户 looks like 尸, which does not
    make 户 a typo of every 'shi' (失能 for 户能).
    """
    sounds = set(readings(typed))
    for reading in readings(typed):
        sounds |= near_sounds(reading)
    return bool(sounds.intersection(readings(meant))) or meant in SHAPE_ALIKE.get(typed, "")


@lru_cache(maxsize=20000)
def readings(char: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one character, sorted (the character itself if none)."""
    if not CJK.match(char):
        return (char,)
    return tuple(sorted(set(pinyin(char, style=Style.NORMAL, heteronym=True)[0])))


def longest_matches(pattern: re.Pattern, text: str):
    """Non-overlapping matches, left to right, where a word read across a boundary loses.

    A match gives way when a longer term starts inside it and runs past its end:
    领+养老服务补贴 is not 领养 followed by 老服务补贴.
    """
    at = 0
    while True:
        match = pattern.search(text, at)
        if match is None:
            return
        longer = None
        for inner in range(match.start() + 1, match.end()):
            other = pattern.match(text, inner)
            if other and other.end() > match.end() and \
                    other.end() - other.start() > match.end() - match.start():
                longer = inner
                break
        if longer is not None:
            at = longer
            continue
        yield match
        at = match.end()


def _as_read(term: str | None) -> str:
    """A name as the understander reads a message's text (normalised, no spaces)."""
    return normalize(term)[0].replace(" ", "") if term else ""


def _with_de(name: str, is_word) -> list[str]:
    """A name read with 的 before its last word: 公办养老院 → 公办的养老院, 支出型救助 →
    支出型的救助 (the head a word, what qualifies it at least two characters)."""
    if not CJK.match(name) or "的" in name:
        return []
    return [name[:i] + "的" + name[i:] for i in range(2, len(name) - 1) if is_word(name[i:])]


def _alternation(terms) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms))) if terms else None


class Lexicon:
    """Synonym expansion, alias lookup and pinyin repair over one snapshot."""

    def __init__(self, guides: dict[str, dict], synonyms: dict[str, str],
                 is_common_word) -> None:
        self.synonyms = {k: v for k, v in synonyms.items() if k and v and k != v}
        self._synonym_re = _alternation(self.synonyms)
        self.alias_services: dict[str, set[str]] = defaultdict(set)
        self.keyword_services: dict[str, set[str]] = defaultdict(set)
        for code, guide in guides.items():
            names = [guide.get("short_name"), guide.get("name"), *(guide.get("aliases") or [])]
            # Names are read as messages are (八十岁 is 80岁 there, 結婚 is 结婚).
            for name in filter(None, map(_as_read, names)):
                self.alias_services[name].add(code)
            for word in filter(None, map(_as_read, guide.get("keywords") or [])):
                self.keyword_services[word].add(code)
        own_names = set(self.alias_services)
        known = own_names | set(self.keyword_services) | set(self.synonyms.values())
        # "公办的养老院", "支出型的救助": a name with 的 before its last word is the name.
        for name in sorted(own_names):
            for variant in _with_de(name, lambda w: w in known or is_common_word(w)):
                if variant not in self.alias_services:
                    self.alias_services[variant] = set(self.alias_services[name])
        # A canonical synonym target names an item when it is one of its aliases.
        self._term_re = _alternation(list(self.alias_services) + list(self.keyword_services))
        self._alias_re = _alternation(self.alias_services)
        self._is_common = is_common_word
        # Canonical terms are correct as written: never "repair" 残疾 into its typo 残积.
        self._canonical_re = _alternation(self.synonyms.values())
        # Canonical terms first, so a typo listed as a synonym never shadows its own term.
        canonical = own_names | set(self.synonyms.values())
        self._by_sound = self._sound_index(sorted(canonical) + sorted(set(self.synonyms)
                                                                      - canonical))
        # Terms can only start where a character sounds like some term's first syllable.
        self._openings = {key[0] for by_size in self._by_sound.values() for key in by_size}
        # And as their first two syllables, per length: a window that cannot begin like any
        # term of its length (by any reading or slip of its first two characters) has none.
        self._heads = {size: {key[:2] for key in by_size} for size, by_size in self._by_sound.items()}

    @staticmethod
    def _sound_index(terms) -> dict[int, dict[tuple, str]]:
        index: dict[int, dict[tuple, str]] = defaultdict(dict)
        for term in terms:
            if 2 <= len(term) <= 6 and CJK.match(term):
                # Every reading of a polyphonic character (造 cao/zao), a few combinations.
                for key in itertools.islice(itertools.product(*map(readings, term)), 8):
                    index[len(term)].setdefault(key, term)
        return index

    def expand(self, text: str) -> str:
        """Add canonical terms for resident wording, after repairing typos."""
        return self.synonymize(self.repair(text))

    def synonymize(self, text: str) -> str:
        """Replace wording by its canonical term, keeping it where it names an item itself."""
        if self._synonym_re is None:
            return text

        def canonical(match: re.Match) -> str:
            term = match.group(0)
            known = term in self.alias_services or term in self.keyword_services
            return term + self.synonyms[term] if known else self.synonyms[term]

        out, at = [], 0
        for match in longest_matches(self._synonym_re, text):
            out.append(text[at:match.start()] + canonical(match))
            at = match.end()
        return "".join(out) + text[at:]

    def repair(self, text: str) -> str:
        """Read homophone typos of domain terms as the terms themselves."""
        covered = [False] * len(text)
        # Where each matched word starts and ends: a repair may extend a matched word
        # (a typo beside 救助 in 临是救助) but never cut one.
        spans: dict[int, int] = {}
        for pattern in (self._term_re, self._synonym_re):
            if pattern is not None:
                for m in pattern.finditer(text):
                    covered[m.start():m.end()] = [True] * (m.end() - m.start())
                    spans[m.start()] = max(spans.get(m.start(), 0), m.end())
        # Canonical terms are right as written (残疾 is no typo of its typo 残积).
        kept = ({m.start(): m.end() for m in self._canonical_re.finditer(text)}
                if self._canonical_re is not None else {})
        out, i = [], 0
        while i < len(text):
            if i in kept and not covered[i]:
                # A canonical word stays, unless a longer term extends it (适老化 + 改照).
                end = kept[i]
                hit = self._sounds_like(text, i, covered[:i] + [True] * (end - i) + covered[end:],
                                        {**spans, i: end})
                out.append(hit or text[i:end])
                i += len(hit) if hit else end - i
                continue
            hit = self._sounds_like(text, i, covered, spans)
            if hit:
                out.append(hit)
                i += len(hit)
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    def _sounds_like(self, text: str, start: int, covered: list[bool],
                     spans: dict[int, int]) -> str | None:
        if covered[start] and start not in spans:
            return None  # inside a matched word
        first = readings(text[start]) + slip_readings(text[start])
        if self._openings.isdisjoint(first):
            return None
        second = (readings(text[start + 1]) + slip_readings(text[start + 1])
                  if start + 1 < len(text) else ())
        heads = {(a, b) for a in first for b in second}
        for size in range(min(6, len(text) - start), 1, -1):
            candidates = self._by_sound.get(size)
            if not candidates or self._heads[size].isdisjoint(heads):
                continue
            window = text[start:start + size]
            end = start + size
            if not CJK.match(window) or not self._keeps_matches(start, end, covered, spans):
                continue
            for term in self._matching_terms(window, candidates):
                if term != window and self._one_slip(window, term) \
                        and not self._is_common(window) and not self._cuts_common(text, start, end) \
                        and all(not covered[start + k] and plausible_slip(a, b)
                                for k, (a, b) in enumerate(zip(window, term, strict=True))
                                if a != b):
                    return term
        return None

    def _cuts_common(self, text: str, start: int, end: int) -> bool:
        """The window's last character begins a common word that runs on ("我要反映" is not 要饭)."""
        return any(self._is_common(text[end - 1:end - 1 + n]) for n in (2, 3) if end - 1 + n <= len(text))

    @staticmethod
    def _keeps_matches(start: int, end: int, covered: list[bool], spans: dict[int, int]) -> bool:
        """The window holds every matched word it touches whole, and adds to it."""
        if not any(covered[start:end]):
            return True
        if all(covered[start:end]):
            return False
        at = start
        while at < end:
            if covered[at]:
                if at not in spans or spans[at] > end:
                    return False
                at = spans[at]
            else:
                at += 1
        return True

    @staticmethod
    def _one_slip(window: str, term: str) -> bool:
        """A typo keeps most characters: 底保/低保, 志原者/志愿者, not 工服/公募."""
        slips = [a for a, b in zip(window, term, strict=False) if a != b]
        return 0 < len(slips) <= max(1, len(term) // 3) and not NEVER_SLIPS.intersection(slips)

    @staticmethod
    def _matching_terms(window: str, candidates: dict[tuple, str]):
        options = [readings(ch) for ch in window]
        # Try the first reading of each character, then single-character variations.
        first = tuple(o[0] for o in options)
        if first in candidates:
            yield candidates[first]
        for pos, choices in enumerate(options):
            for alt in choices[1:] + slip_readings(window[pos]):
                key = first[:pos] + (alt,) + first[pos + 1:]
                if key in candidates:
                    yield candidates[key]

    def mask_items(self, text: str, symbol: str) -> str:
        """The text with every item name read as one symbol (what is asked, not about what);
        a name and its synonym's expansion side by side are one mention."""
        if self._alias_re is None:
            return text
        return re.sub(re.escape(symbol) + "{2,}", symbol, self._alias_re.sub(symbol, text))

    def services_in(self, text: str) -> tuple[dict[str, float], list[tuple[str, int]]]:
        """Item scores from the names and keywords found, and (term, end) of each match."""
        scores: dict[str, float] = defaultdict(float)
        found = []
        if self._term_re is None:
            return scores, found
        named: dict[str, list[float]] = defaultdict(list)
        repeats: dict[str, int] = defaultdict(int)
        mentions = self.mentions(text)
        # Items named by a mention neither stated as the resident's situation nor negated.
        asked = {code for term, _, _, demoted, _ in mentions if demoted == 0.0
                 for code in self.alias_services.get(term, set())}
        for position, (term, start, end, demoted, expansion) in enumerate(mentions):
            found.append((term, end))
            # The object of 申请/办/领 is what is asked about ("低保户能申请养老服务补贴吗").
            governed = 0.5 if OBJECT_OF.search(text, max(0, start - 3), start) else 0.0
            for code in self.alias_services.get(term, ()):
                # A background mention gives way to an item asked about; a negated one
                # ("不是问X") is not what is asked, whatever else is.
                penalty = demoted if asked - {code} or demoted >= NEGATED else 0.0
                # Longer names are more specific; later ones break ties ("协会年检" asks about 年检).
                named[code].append(1.0 + 0.2 * len(term) + 0.01 * position + governed - penalty)
                # A synonym's canonical expansion is the same mention, not a second one.
                repeats[code] += not expansion
            for code in self.keyword_services.get(term, ()):
                scores[code] += 0.35
        for code, weights in named.items():
            scores[code] += max(weights) + 0.2 * max(repeats[code] - 1, 0)
        return scores, found

    def mentions(self, text: str) -> list[tuple[str, int, int, float, bool]]:
        """Matched terms with how far each is demoted (0, background, or negated) and whether
        it is a synonym's canonical expansion of the mention before it.

        Residents state who they are ("我是低保户", "吃低保的", "领了高龄津贴") before
        the question, and correct themselves ("不是问X，是Y"); the item asked about is
        the one neither stated as a status nor negated.
        """
        out: list[tuple[str, int, int, float, bool]] = []
        for match in longest_matches(self._term_re, text):
            term, start, end = match.group(0), match.start(), match.end()
            if out and out[-1][2] == start and self.synonyms.get(out[-1][0]) == term:
                out.append((term, start, end, out[-1][3], True))  # a synonym's canonical expansion
                continue
            before = text[max(0, start - 5):start]
            if NEGATED_BEFORE.search(before):
                demoted = NEGATED
            elif STATUS_BEFORE.search(before) or \
                    (STATUS_TERM.search(term) and not MAY_BEFORE.search(before)) or \
                    STATUS_AFTER.match(text, end) or \
                    (PERSON_BEFORE.search(before) and DONE_AFTER.match(text, end)) or \
                    (GETS_BEFORE.search(before) and text.startswith("的", end)):
                demoted = BACKGROUND
            else:
                demoted = 0.0
            out.append((term, start, end, demoted, False))
        return out
