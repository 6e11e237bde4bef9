"""The understanding pipeline: one message (and its context) in, labels out.

normalise → repair typos and expand synonyms → find items, aspects and order
categories → decide the intent by the request's shape → fall back on the BM25
index over FAQ phrasings and guides, then on referrals to other departments.
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from core import catalog
from intents import aspects, cues, danger, decision, objects
from intents import categories as learned_categories
from intents.lexicon import STATUS_BEFORE, Lexicon
from intents.matching import KnowledgeMatcher
from intents.model import Model, artefact_path
from intents.normalize import looks_like_question, normalize
from intents.pinyin import PinyinReader
from intents.segment import Segmenter

ASPECT_PRIORITY = ("materials", "conditions", "time_limit", "location", "contact", "fee",
                   "standard", "legal_basis", "process", "overview")
STRONG_GUIDE_ASPECTS = {"conditions", "standard", "fee", "materials", "legal_basis",
                        "time_limit", "contact", "location"}
MONEY_WORDS = re.compile(r"补贴|补助|津贴|救助|政策|待遇|标准")
DEPARTMENT_SIDE = re.compile(r"那边|那里|那块|那头|部门|方面(的)?")
DOCUMENT_DAMAGED = re.compile(r"证(件|书)?.{0,5}(坏|烂|破|丢|没了|找不到)")
# A verb and its object with 个 between ("备个案"): the word, where it is a domain word.
SPLIT_WORD = re.compile(r"([\u4e00-\u9fff])个([\u4e00-\u9fff])")
# Verb-object words residents split that the dictionary may not list on their own.
SPLIT_VERBS = frozenset({"备案", "起名", "报名", "登记", "结婚", "离婚", "改名", "年检"})
# The order category a danger happening now is (the catalogue's 助急).
EMERGENCY = "emergency"
# A FAQ phrasing matched character for character (after normalisation), not just alike.
EXACT_PHRASING = 98
# A kind of person asked about after an item ("…的也行吗", "…的人能申请不"): the words before
# 的 describe the asker's situation, and the question is still the item in context.
SITUATION_ASK = re.compile(r"的(人|家庭|老人|孩子|情况)?(也|还|就)?(行|能|可以|算|符合|够)"
                           r"(申请|办|领|享受|报|收养|登记|优先|排上|入住)?(吗|不|么|没|不行|不能)[？?]?$")
# The same may-I question without 的 ("…带着孩子也行吗", "我这情况，可以申请不"): in context,
# with no item named but as the asker's situation, it asks the item's conditions.
ELIGIBILITY_TAIL = re.compile(r"(也|还|都|就)?(行|能|可以|算|符合|够)(条件)?"
                              r"(申请|办理?|领|享受|报名?|收养|登记|参加|优先|排上|入住)?"
                              r"(吗|不|么|没|嘛|不行|不能|伐|不了)[？?]?$|(能不能|可不可以|行不行|算不算|符不符合)"
                              r"(条件|申请|办理?|领|享受|报名?|收养|登记|参加)?[？?]?$")
# The model answers alone only when both its intent and its item are this likely;
# its probability is discounted, since it speaks only where the rules found nothing.
LEARNED_MIN_INTENT = 0.85
LEARNED_MIN_SERVICE = 0.6
LEARNED_SHARE = 0.8
# A rules' aspect cue counts this much (times its weight) against the learned aspect
# reading's log-probability: a lone cue of weight 3 outweighs the reading's 400-to-1
# odds, and between two cues a weight apart the reading needs 7-to-1 (chosen on the
# development folds: 1.0 and 1.5 lost fold messages, 2.5 and 3.0 gained none).
CUE_WEIGHT = 2.0
# A matched FAQ entry's aspect counts as a cue of this weight.
HINT_WEIGHT = 2.0
# A request about an item with nothing to apply for online is answered with its steps,
# unless the reading finds another aspect asked (a weaker hint than a FAQ entry's).
REQUEST_HINT = 1.0
# A plain want with no question ("我要成立一个商会") hints at the steps this much: below a FAQ
# entry's hint, so a reading sure of another aspect keeps it.
WANT_HINT = 1.5
# Two aspects whose weighed scores (log-odds units) are closer than this are in doubt:
# the question is asked back with both (on sets 1-3, 9 of ~950 question readings, 4 wrong).
ASPECT_DOUBT = 1.0
ASPECT_MEMO = 64
# Two questions in one message ("多少钱一个月？在哪里领？"): the main one's aspect (the clause
# marked as the question, else the first clause that asks one) outweighs the other's cues by
# this much (cue weight units).
MAIN_CLAUSE_BONUS = 0.5
# A clause that says it is the question ("想问下要准备哪些材料") outweighs a long story's
# other cues, and the learned reading's sense of it, by more.
MARKED_CLAUSE_BONUS = 2.5
# A clause asks an aspect only with a cue this strong ("好几天了" tells, "多久" asks).
MAIN_CLAUSE_CUE = 2.4
# A call-off at a message's end ("那个送饭的不用来了") reads as one up to this length.
CANCEL_TAIL_LENGTH = 16
_SEGMENTERS: dict[tuple, Segmenter] = {}
_READERS: dict[tuple, PinyinReader] = {}


@dataclass
class Understanding:
    """Labels per shared/spec/nlu-contract.md, plus what handlers need."""

    intent: str
    service: str | None = None
    aspect: str | None = None
    category: str | None = None
    confidence: float = 0.0
    candidates: list[dict] = field(default_factory=list)
    faq: dict | None = None
    referral: dict | None = None
    # What the bot should do with the reading (intents.calibration): answer, ask
    # (back with numbered choices) or unsure (not learned yet; offer 转人工).
    action: str = "answer"
    # The rule's own figure, before calibration; "learned" when only the model read it.
    rule_confidence: float = 0.0
    source: str = "rules"

    def as_dict(self) -> dict:
        return asdict(self)

    def labels(self) -> dict:
        """Only the contract's fields, in the contract's ten intents."""
        intent = CONTRACT_INTENT.get(self.intent, self.intent)
        aspect = self.aspect or ("overview" if intent == "guide" and self.intent != intent else None)
        return {"intent": intent, "service": self.service, "aspect": aspect,
                "category": self.category, "confidence": round(self.confidence, 3)}


# Intents the bot keeps for its own flows, as the contract labels them: asking which
# policies a household may get is a policy question (guide) about no single item.
CONTRACT_INTENT = {"find_benefits": "guide"}
# Words the learned reading may read an item from: two Chinese characters or a Latin word.
WORDED = re.compile(r"[\u4e00-\u9fff]{2}|[A-Za-z]{3}")


def segmenter_for(words: list[tuple[str, int, str]]) -> Segmenter:
    """Segmenters are costly to build; share one per domain dictionary."""
    key = tuple(sorted((w, int(f), p) for w, f, p in words))
    if key not in _SEGMENTERS:
        _SEGMENTERS.clear()
        _SEGMENTERS[key] = Segmenter(list(key))
    return _SEGMENTERS[key]


def pinyin_reader_for(words: tuple[str, ...]) -> PinyinReader:
    """Pinyin indexes are costly to build; share one per vocabulary."""
    if words not in _READERS:
        _READERS.clear()
        _READERS[words] = PinyinReader(list(words))
    return _READERS[words]


def domain_vocabulary(snapshot) -> tuple[str, ...]:
    """Item names, canonical terms and domain words first, then residents' variants."""
    words = []
    for guide in snapshot.guides.values():
        words += [guide.get("short_name"), guide.get("name"), *(guide.get("aliases") or []),
                  *(guide.get("keywords") or [])]
    words += list(snapshot.synonyms.values()) + [w for w, _, _ in snapshot.words]
    words += list(snapshot.synonyms)
    return tuple(dict.fromkeys(w for w in words if w))


class Understander:
    """Built once per knowledge version; understand() is pure and thread-safe."""

    def __init__(self, snapshot) -> None:
        self.guides = snapshot.guides
        self.segmenter = segmenter_for(snapshot.words)
        self.lexicon = Lexicon(snapshot.guides, snapshot.synonyms,
                               self.segmenter.is_common_word)
        self.matcher = KnowledgeMatcher(snapshot, self.segmenter, self._prepare)
        self.aspect_cues = cues.compile_table(cues.ASPECT_CUES)
        self.category_cues = cues.compile_table(cues.order_category_cues(catalog.current()))
        self._aspect_screens = cues.screens(self.aspect_cues)
        # Each kind of help by the names its catalogue label gives: 助医（陪诊、代配药…）.
        self.category_names = learned_categories.category_names(catalog.current())
        self._category_screens = cues.screens(self.category_cues)
        # The volunteer items, by their catalogue attributes: registration, and the record's certificate.
        self.register_code = catalog.current().register_item
        self.record_code = catalog.current().volunteer_record_item
        self._vocabulary = domain_vocabulary(snapshot)
        self._two_char_words = frozenset(w for w in self._vocabulary if len(w) == 2) | SPLIT_VERBS
        # The learned reading for this knowledge version, read on first need (it is
        # consulted only where the rules find nothing); without one, rules only.
        self._model_path = artefact_path(snapshot.version)
        self._model: Model | None | bool = False
        self._aspect_memo: dict[str, dict[str, float]] = {}
        self._last_cues: tuple[str, dict[str, float]] | None = None
        # The clauses a prepared text was written in (split where the resident put
        # punctuation or a space), for the main question of a message asking two.
        self._clauses: dict[str, tuple[str, ...]] = {}

    def read_pinyin(self, text: str) -> str:
        """Latin-letter pinyin read as characters; the index is built on first need."""
        if not any("a" <= ch <= "z" for ch in text):
            return text
        return pinyin_reader_for(self._vocabulary).read(text)

    def _prepare(self, text: str) -> str:
        # Staff-written texts have no typos to repair; synonyms still apply.
        return self.lexicon.synonymize(normalize(text)[0])

    def understand(self, text: str, context=(), prior: dict | None = None) -> Understanding:
        """Labels for one message; context is the resident's earlier messages."""
        if prior is None:
            prior = self._prior_from(context)
        u, t = self.reading(text, prior=prior)
        return self.settle(u, t, bool(prior and (prior.get("service") or prior.get("aspect"))))

    def reading(self, text: str, context=(), prior: dict | None = None) -> tuple[Understanding, str]:
        """The rules' reading (and the model's where they are silent), uncalibrated, and the
        prepared text it was read from."""
        if prior is None:
            prior = self._prior_from(context)
        raw, t = self.prepared(text)
        if not t:
            return Understanding("greeting", confidence=0.5), ""
        u = self._decide(t, prior or {}, raw)
        if u.intent in ("guide", "out_of_scope") and not WORDED.search(t):
            # A bare number or sign ("13900001111", "80") names no item: nothing to offer.
            return Understanding("out_of_scope", confidence=0.3), t
        if u.intent != "order" and not (u.intent == "guide" and u.service and looks_like_question(text)):
            found = danger.read(text)
            if found.classes and not found.asks_policy:
                # Danger happening now (intents.danger, as the bot reads it first) and no
                # question about an item read: a 助急 order.
                return Understanding("order", category=EMERGENCY, confidence=0.95), t
        return u, t

    def prepared(self, text: str) -> tuple[str, str]:
        """The message as the rules read it: normalised, pinyin read, typos repaired and
        spaces dropped (raw), then synonyms expanded (t)."""
        norm = self.read_pinyin(normalize(text)[0])
        if not norm:
            return "", ""
        # Cues are written for unspaced text: "要 交钱 不" reads as "要交钱不".
        repaired = self.lexicon.repair(norm)
        raw = self.join_split_words(repaired.replace(" ", ""))
        t = self.lexicon.synonymize(raw)
        if cues.LOST_CERTIFICATE.search(t):
            # Read as its replacement's name (补领结婚证), after the words that said it.
            t = cues.LOST_CERTIFICATE.sub(lambda m: m.group(0) + "补领" + m.group(1) + "证", t)
        if cues.STATED_HIGH_AGE.search(t):
            # An age of 80 and more is the resident's word for 高龄 (the age itself stays).
            t = cues.STATED_HIGH_AGE.sub(lambda m: m.group(0) + "高龄", t, count=1)
        if " " in norm:
            if len(self._clauses) >= ASPECT_MEMO:
                self._clauses.clear()
            self._clauses[t] = tuple(repaired.split(" "))
        return raw, t

    def join_split_words(self, text: str) -> str:
        """A two-character domain word split by 个 ("备个案", "起个名", "离个婚") read whole."""
        if "个" not in text:
            return text
        return SPLIT_WORD.sub(lambda m: m.group(1) + m.group(2) if m.group(1) + m.group(2) in
                              self._two_char_words else m.group(0), text)

    def aspect_text(self, text: str, prepared: bool = False) -> str:
        """What the learned aspect reading sees: the prepared text with item names masked
        (`prepared`: text is already the rules' t)."""
        t = text if prepared else self.prepared(text)[1]
        return self.lexicon.mask_items(t, aspects.ITEM)

    def posterior(self, t: str, aspect: bool = True) -> dict:
        """The model's posterior for a prepared text, the aspect head from the aspect reading
        (left out with `aspect=False` where the model has one: add_aspect() adds it)."""
        assert self.model is not None
        if self.model.aspects is None:
            return self.model.posterior(t, normalised=True)
        out = self.model.posterior(t, normalised=True, heads=("intent", "service"))
        if aspect:
            self.add_aspect(out, t)
        return out

    def add_aspect(self, posterior: dict, t: str) -> dict:
        """The posterior with its aspect head, read now if it was left out."""
        if "aspect" not in posterior:
            posterior["aspect"] = dict(self._aspect_posterior(t) or {})
        return posterior

    def settle(self, u: Understanding, t: str, context: bool) -> Understanding:
        """Calibrated confidence and the action it decides (intents.decision)."""
        if u.intent == "out_of_scope" and t and not WORDED.search(t):
            u.action = "unsure"  # a bare number or sign: no item to ask back about
            return u
        return decision.settle(self, u, t, context)

    def _prior_from(self, context) -> dict:
        prior: dict = {}
        for earlier in list(context or [])[-4:]:
            u, _ = self.reading(earlier, prior=prior)
            if u.service or (u.intent == "guide" and u.aspect):
                prior = {"service": u.service, "aspect": u.aspect}
        return prior

    def _decide(self, t: str, prior: dict, raw: str) -> Understanding:
        # What the resident says is not asked ("不是问标准，我是要…") is not read.
        t = cues.NOT_ASKING.sub("我", t) or t
        for rule in (self._conversational, self._volunteer, self._order, self._apply):
            result = rule(t, prior)
            if result is not None:
                return result
        return self._guide_or_out(t, prior, raw)

    # -- intents decided by the message's shape -------------------------------------
    def _conversational(self, t: str, prior: dict) -> Understanding | None:
        compact = t
        if cues.FIND_BENEFITS.search(compact):
            return Understanding("find_benefits", confidence=0.95)
        if cues.CHITCHAT.search(compact) and not self.lexicon.services_in(compact)[0]:
            return Understanding("out_of_scope", confidence=0.85)
        if cues.RATE_NAMED.search(compact) and not cues.PERSON_ASKED.search(compact):
            return Understanding("rate", confidence=0.9)
        if cues.HUMAN.search(compact) and not self._complaint_elsewhere(compact):
            return Understanding("human", confidence=0.95)
        if (len(compact) <= 8 and cues.CANCEL.search(compact)) or \
                (len(compact) <= CANCEL_TAIL_LENGTH and cues.CANCEL_TAIL.search(compact)):
            return Understanding("cancel", confidence=0.92)
        if len(cues.GREETING_WORDS.sub("", compact)) <= 1:
            return Understanding("greeting", confidence=0.93)
        if cues.STATUS.search(compact) and not self._status_elsewhere(compact):
            return Understanding("status", confidence=0.9)
        if cues.STALLED.search(compact) and not (self._aspect(compact, None) and cues.ASKING.search(compact)) \
                and not self._status_elsewhere(compact):
            return Understanding("status", confidence=0.85)
        if cues.RATE.search(compact):
            return Understanding("rate", confidence=0.9)
        return None

    def _status_elsewhere(self, t: str) -> bool:
        """"退休金咋还没到账": another department's matter named, and nothing of ours (an item,
        an order or an application) whose progress could be asked."""
        return self.matcher.referral(t)[0] is not None and not self.lexicon.services_in(t)[0] and \
            not cues.OUR_RECORDS.search(t)

    def _complaint_elsewhere(self, t: str) -> bool:
        """A complaint ("去哪投诉") about another department's matter (拖欠工资) is a referral:
        the request for a person is only its complaint words, and a department's topic is named."""
        if cues.HUMAN.search(cues.COMPLAINT.sub("", t)):
            return False
        # Another office's object complained about (假货, 投诉商家) is its referral too.
        return self.matcher.referral(t)[0] is not None or objects.find(t) is not None

    def _volunteer(self, t: str, prior: dict) -> Understanding | None:
        said = cues.VOLUNTEER.search(t)
        if not said:
            return None
        if STATUS_BEFORE.search(t, max(0, said.start() - 5), said.start()) and \
                set(self.lexicon.services_in(t)[0]) - {self.register_code, self.record_code}:
            return None  # who the resident is ("我是志愿者"), then a question about another item
        joining = cues.VOLUNTEER_JOIN.search(t)
        if cues.VOLUNTEER_WANT.search(t) and not cues.CERTIFICATE.search(t):
            return Understanding("volunteer", self.register_code, confidence=0.9)
        if not joining and self._order_categories(t, request=True):
            return None  # "派个志愿者陪我去医院" orders help
        aspect = self._aspect(t, self.register_code)
        certificate = cues.CERTIFICATE.search(t)
        if certificate and joining and joining.start() > certificate.start() and \
                cues.REGISTER_STEPS.search(t, joining.start()):
            certificate = None  # the certificate is a reason given; registering is what is asked
        if certificate:
            if aspect is None and cues.APPLY.search(t):
                return Understanding("apply", self.record_code, confidence=0.9)
            return Understanding("guide", self.record_code, self._asked(t, self.record_code),
                                 confidence=0.85)
        if aspect is not None and aspect != "process" or (aspect is None and not joining) or \
                (aspect == "process" and cues.REGISTER_STEPS.search(t)):
            # How registration works ("志愿者怎么注册", "第一步干啥") is the guide's to answer.
            return Understanding("guide", self.register_code, self._asked(t, self.register_code),
                                 confidence=0.8)
        return Understanding("volunteer", self.register_code, confidence=0.9)

    def _order(self, t: str, prior: dict) -> Understanding | None:
        bare = cues.BARE_ORDER_FILLER.sub("", t)
        # The name alone, or followed by its synonym's expansion ("送餐" reads "送餐助餐").
        named = self.category_names.get(bare) or next(
            (code for name, code in self.category_names.items()
             if bare.startswith(name) and bare == name + self.lexicon.synonyms.get(name, "")), None)
        if named is not None:
            return Understanding("order", category=named, confidence=0.85)
        if (cues.BOOK_SERVICE.search(t) or cues.ORDER_WHEN_WHERE.search(t)) and \
                not cues.ASKING.search(t) and not cues.INTERROGATIVE.search(t):
            booked = self._category_named(t)
            if booked is not None:
                # A kind of help booked by its name ("助浴服务预约一下"), or named with when and
                # where it is wanted ("陪诊 下周三 去医院"): an order, not an application.
                return Understanding("order", category=learned_categories.pick(
                    self, t, self._order_categories(t, request=False)) or booked, confidence=0.85)
        categories = self._order_categories(t, request=True)
        if categories and self._applies_for_item(t):
            return None  # "我要申请居家养老服务，老伴白天要人照料": the item applied for, needs as reasons
        if cues.ORDER_ANY.search(t.replace(" ", "")):
            return Understanding("order", category=learned_categories.pick(self, t, categories),
                                 confidence=0.85)
        if cues.BENEFIT_QUESTION.search(t):
            return None
        if not cues.HELP_WANTED.search(t) and self.matcher.referral(t)[0] is not None:
            return None  # another department's matter, no help asked ("宽带坏了找谁报修", "买个保险")
        if not categories:
            return self._order_without_category(t)
        services = {c: v for c, v in self.lexicon.services_in(t)[0].items() if v >= 1.0}
        aspect = self._aspect(t, None)
        if services and DOCUMENT_DAMAGED.search(t):
            return None  # "结婚证被水泡坏了" asks to replace a certificate, not to repair a thing
        # An address or phone number given ("地址东风路88号院…电话139…") places the order; "地址" is no question then.
        if services and not cues.ORDER_DETAILS.search(t) and (
                aspect in STRONG_GUIDE_ASPECTS or aspect == "process" or MONEY_WORDS.search(t)
                or cues.EXISTS.search(t)):
            return None
        category = learned_categories.pick(self, t, categories) or max(categories, key=categories.get)
        return Understanding("order", category=category,
                             confidence=0.9 if categories[category] >= 3 else 0.75)

    def _category_named(self, t: str) -> str | None:
        """The order category named by one of its names (助浴, 陪诊, 送餐…), the longest first."""
        named = [(len(name), code) for name, code in self.category_names.items()
                 if len(name) >= 2 and name in t]
        return max(named)[1] if named else None

    def _applies_for_item(self, t: str) -> bool:
        """申请/办理 of an item that is applied for online, named by its own name (not by the
        name of a kind of help): what is asked is the application."""
        said = cues.APPLY_WORD.search(t)
        if said is None or cues.ASKING.search(t) or cues.APPLY.search(t) is None:
            return False
        for term, start, _end, demoted, _ in self.lexicon.mentions(t):
            if demoted or start < said.start() or term in self.category_names:
                continue
            if any(self.guides.get(code, {}).get("mode") == "apply"
                   for code in self.lexicon.alias_services.get(term, ())):
                return True
        return False

    def _order_without_category(self, t: str) -> Understanding | None:
        """"能不能派个人来家里帮帮忙": someone wanted at home, the kind of help not said (asked next)."""
        if not cues.ORDER_SOMEONE.search(t) or cues.NOT_ORDERING.search(t) or self._aspect(t, None):
            return None
        if self.lexicon.services_in(t)[0] and not cues.ORDER_DETAILS.search(t):
            return None  # "上门服务" names the item; with an address or phone it is ordered
        category = learned_categories.pick(self, t, {})
        return Understanding("order", category=category, confidence=0.7,
                             candidates=[] if category else learned_categories.choices(self, t))

    def _order_categories(self, t: str, request: bool) -> dict[str, float]:
        if request and not cues.ORDER_REQUEST.search(t):
            return {}
        return cues.best(self.category_cues, t, self._category_screens)

    def _apply(self, t: str, prior: dict) -> Understanding | None:
        request = cues.APPLY.search(t)
        if request is None or cues.INTERROGATIVE.search(t):
            return None
        services = self.lexicon.services_in(t)[0]
        if not any(v >= 1.0 for v in services.values()) and self.matcher.referral(t)[0] is not None:
            return None  # "我要办身份证", "我想办理社保卡": another office's business, not an item of ours
        if self._other_object(t) is not None:
            return None  # another office's object ("帮我办个残疾人证"): its referral, not an application
        code = min(services, key=lambda c: (-services[c], c)) if services else prior.get("service")
        aspect = self._aspect(t, code)
        after = cues.APPLY_HERE.sub("", t[request.end():])
        if aspect is not None and self._aspect(t[:request.start()] + after, code) is None:
            # The request's own words: "我要申请结婚登记" does not ask whether to register, nor
            # "想给他办特困供养，在这上面就能申请吗" whether it may be applied for.
            aspect = None
        if aspect is not None and not cues.ASKING.search(after) and not cues.ASKING.search(t[:request.start()]):
            # Nothing asked, before the request or after it ("我想申请殡葬费用减免"): an aspect
            # word there is what is applied for.
            aspect = None
        if aspect is not None and request.start() > 0 and self._aspect(after, code) is None and \
                not cues.ASKING.search(t):
            # Aspect words before a request that asks nothing say what is done ("手续准备好了
            # 帮我约个时间"), not what is asked.
            aspect = None
        if aspect is not None:
            return None
        if code is None:
            return Understanding("apply", confidence=0.6)
        mode = self.guides.get(code, {}).get("mode")
        if mode == "register":
            return Understanding("volunteer", code, confidence=0.85)
        if mode == "guide":  # nothing to apply for online: explain how instead
            return Understanding("guide", code, self._asked(t, code, "process", REQUEST_HINT),
                                 confidence=0.7)
        if cues.BARE_REQUEST.match(t) and cues.ASKING.search(after) and cues.QUESTION_END.search(t):
            return None  # "申请X还要先…吗": a question about applying, not the application
        return Understanding("apply", code, confidence=0.9 if services else 0.7)

    # -- questions about items --------------------------------------------------------
    def _guide_or_out(self, t: str, prior: dict, raw: str) -> Understanding:
        services, found = self.lexicon.services_in(t)
        # Ties go to the lower code: the catalogue lists the common item first.
        ranked = sorted(services.items(), key=lambda kv: (-kv[1], kv[0]))
        faq, faq_score = self.matcher.faq(t)
        if faq is not None and faq_score >= EXACT_PHRASING:
            # Staff taught this very wording (often from a missed question): trust it.
            return self._from_faq(t, faq, faq_score)
        other = self._other_object(t)
        if other is not None:
            # Another office's object (职工的丧葬费, 老人体检), and none of our items named
            # beside it as what is asked: that office's matter.
            return Understanding("out_of_scope", confidence=0.9, referral=other)
        # Referral topics are residents' own words, before synonyms rewrite them.
        referral, weight, end, topic = self.matcher.referral(raw)
        # Only words from a guide's text (no item's name): who it is for decides better.
        group = [] if ranked and ranked[0][1] >= 1.0 else self._benefit_group(t)
        if referral and self._referral_names(referral, group):
            referral = None  # "办了残疾证，有啥补贴": the department's own reply sends it to us
        if referral and self._set_aside(t, topic, found):
            referral = None  # another office's matter put aside, then our item asked about
        # "社保那边的丧葬费": the department named as the place to ask, whatever item words follow.
        pointed = bool(referral) and DEPARTMENT_SIDE.match(raw, end) is not None
        prior_service = prior.get("service")
        if prior_service and not pointed and not any(code == prior_service for code, _ in ranked) and (
                SITUATION_ASK.search(t) or (ELIGIBILITY_TAIL.search(t) and self._situation_only(t))):
            # A department's topic here is the asker's situation too ("有退休金的也能…").
            return Understanding("guide", prior_service, self.fit_aspect("conditions", prior_service, t),
                                 confidence=0.8)
        if referral and (pointed or self._referral_wins(weight, end / max(len(raw), 1), ranked, found, t,
                                                        topic)):
            return Understanding("out_of_scope", confidence=0.9, referral=referral)
        if group and not (faq is not None and faq_score >= 80):
            return self._choose_from(group, t)
        if ranked:
            return self._guide(t, ranked, prior, faq if faq_score >= 80 else None)
        aspect = self._aspect(t, prior.get("service"))
        if cues.CHITCHAT.search(t):
            return Understanding("out_of_scope", confidence=0.85)
        if prior.get("service") and (aspect is not None or cues.FOLLOW_UP.search(t)):
            aspect = self._asked(t, prior["service"]) if aspect is not None else \
                self.fit_aspect(prior.get("aspect") or "overview", prior["service"])
            return Understanding("guide", prior["service"], aspect, confidence=0.8)
        # A short fragment ("要带什么") resembles many questions; ask back instead.
        if faq is not None and faq_score >= 72 and len(t) >= 6:
            return self._from_faq(t, faq, faq_score)
        guessed = self.matcher.guide_guess(t)
        if guessed:
            code, confidence, candidates = guessed
            return Understanding("guide", code, self._asked(t, code),
                                 confidence=confidence, candidates=candidates)
        if aspect is not None and self._bare_follow_up(t):
            return Understanding("guide", None, aspect, confidence=0.45)
        learned = self._learned(t, aspect)
        if learned is not None:
            return learned
        unread = learned_categories.unread_order(self, t)
        if unread is not None:
            category, confidence, candidates = unread
            return Understanding("order", category=category, confidence=confidence,
                                 source="learned", candidates=candidates)
        return Understanding("out_of_scope", confidence=0.3)

    @property
    def model(self) -> Model | None:
        """The learned reading, loaded once (None: there is none)."""
        if self._model is False:
            self._model = Model.load(self._model_path)
        return self._model

    @model.setter
    def model(self, value: Model | None) -> None:
        self._aspect_memo = {}
        self._model = value

    def _learned(self, t: str, aspect: str | None) -> Understanding | None:
        """Where no rule names an item, the model may, if it is sure enough."""
        if self.model is None or not WORDED.search(t):
            return None  # a bare number or sign ("13900001111" out of a form) says no item
        guess = self.model.predict(t, normalised=True)
        intent, p_intent, _ = guess["intent"]
        code, p_service, _ = guess["service"]
        if intent != "guide" or code not in self.guides or \
                p_intent < LEARNED_MIN_INTENT or p_service < LEARNED_MIN_SERVICE:
            return None
        chosen = self._asked(t, code) if self.model.aspects is not None \
            else aspect or guess["aspect"][0] or "overview"
        return Understanding("guide", code, self.fit_aspect(chosen, code),
                             confidence=round(min(p_intent, p_service) * LEARNED_SHARE, 3),
                             source="learned")

    def _guide(self, t: str, ranked, prior: dict, faq: dict | None) -> Understanding:
        asked = self._asked_items(t)
        if ranked[0][0] not in asked and any(c in asked for c, _ in ranked):
            # The top item is only who the resident is ("俺娘是低保户"); another one, named
            # even by a keyword only, is what is asked about.
            ranked = [kv for kv in ranked if kv[0] in asked] + [kv for kv in ranked if kv[0] not in asked]
        code, top = ranked[0]
        if self._names_prior(t, prior):
            code, top = prior["service"], max(top, 1.0)
        elif prior.get("service") and dict(ranked).get(prior["service"]) == top:
            # A word shared by several items, the conversation's among them ("失能的…"): its item.
            code, ranked = prior["service"], [(prior["service"], top)]
        # Answering our "which item?" keeps the aspect that was asked about, as does a
        # follow-up with no cue of its own ("那低保呢").
        pending = prior.get("aspect") and not prior.get("service")
        follow = (pending or cues.FOLLOW_UP.search(t)) and prior.get("aspect")
        wanted = faq is None and not self._cue_scores(t) and cues.PLAIN_WANT.search(t) is not None and \
            not cues.ASKING.search(t)
        if follow and self._aspect(t, code) is None:
            aspect = prior["aspect"]
        elif wanted:
            # A plain want with no question ("想给楼盘起个名"): its steps, unless the reading
            # is sure of another aspect.
            aspect = self._asked(t, code, "process", WANT_HINT)
        else:
            aspect = self._asked(t, code, (faq or {}).get("aspect"))
        aspect = self.fit_aspect(aspect, code, t)
        confidence = 0.9 if top >= 1.0 else 0.6
        candidates = []
        if len(ranked) > 1 and ranked[1][1] >= 0.8 * top:
            confidence = 0.5
            candidates = [{"intent": "guide", "service": c, "aspect": aspect, "score": round(s, 2)}
                          for c, s in ranked[:3]]
        elif not follow and faq is None:
            other = self._aspect_in_doubt(t, code, *((("process", WANT_HINT)) if wanted else ()))
            if other is not None and other != aspect:
                # Two aspects about as likely: which one is asked back, not guessed.
                confidence = 0.5
                candidates = [{"intent": "guide", "service": code, "aspect": a, "score": None}
                              for a in (aspect, other)]
        if faq is not None and faq.get("service") in (None, code):
            confidence = max(confidence, 0.85)
            candidates = []
        return Understanding("guide", code, aspect, confidence=confidence,
                             candidates=candidates, faq=faq)

    def _benefit_group(self, t: str) -> list[str]:
        """Items a benefit question about a group of people may mean, likeliest first.

        "老人有什么补贴" names no item, but who it is for narrows the catalogue to a
        handful; the guides' own text decides their order.
        """
        if not cues.BENEFIT_QUESTION.search(t):
            return []
        groups = {name for name, pattern in cues.POPULATIONS.items() if pattern.search(t)}
        codes = [code for code, guide in self.guides.items()
                 if guide.get("category") in groups and guide.get("mode") == "apply"]
        if not codes:
            return []
        scores = self.matcher.guide_scores(t)
        return sorted(codes, key=lambda code: (-scores.get(code, 0.0), code))

    def _referral_names(self, referral: dict, group: list[str]) -> bool:
        """The department's reply itself names one of our items the question may mean."""
        reply = referral.get("reply") or ""
        return any(self.guides[code].get("name", "") in reply for code in group)

    def _choose_from(self, group: list[str], t: str) -> Understanding:
        aspect = self._asked(t, None)
        if len(group) == 1:
            return Understanding("guide", group[0], self.fit_aspect(aspect, group[0]),
                                 confidence=0.7)
        candidates = [{"intent": "guide", "service": code,
                       "aspect": self.fit_aspect(aspect, code), "score": None}
                      for code in group[:4]]
        return Understanding("guide", group[0], candidates[0]["aspect"], confidence=0.45,
                             candidates=candidates)

    def _referral_wins(self, weight: float, where: float, ranked, found, t: str,
                       topic: str) -> bool:
        """The department's topic beats an item's name if stronger, or as strong and later.

        Residents put the question last: "这样能吃上低保不" after mentioning 退休金
        asks about 低保; "离婚起诉去哪个法院" asks about a lawsuit.
        """
        if not ranked:
            return True
        if any(term in topic for term, _ in found):
            return True  # the item's name is part of the department's phrase (车辆年检)
        at = t.find(topic)
        if at >= 0 and any(len(term) > len(topic) and end - len(term) < at + len(topic) and at < end
                           for term, end in found):
            return False  # read across the topic, a longer item name wins (小区想改个名+字)
        if cues.OURS_AGAINST.search(t):
            return False  # 民政 named as one of the offices asked between: our item's question
        if cues.BOTH_TOGETHER.search(t) or cues.SAME_OR_NOT.search(t):
            return False  # whether another office's benefit and our item go together, or are one: ours
        named = [m for m in self.lexicon.mentions(t) if m[0] in self.lexicon.alias_services]
        if named and all(demoted for _, _, _, demoted, _ in named):
            return True  # every item named is who the resident is ("我是低保户") or negated
        if self._aspect(t, None) == "materials" and ranked[0][1] >= 1.0:
            return False  # another office's document to bring (残疾证原件) for our item named
        top = ranked[0][1]
        ends = [end for term, end in found]
        alias_where = (max(ends) / max(len(t), 1)) if ends else 0.0
        return weight + 1.2 * where >= top + 1.2 * alias_where

    def _other_object(self, t: str) -> dict | None:
        """Another department's object named (intents/data/other_objects.yaml) and no item of
        ours named outside its words as what is asked: that department's referral entry.

        A word the object shares with an item (丧葬费 in 职工的丧葬费, 老人 in 老人体检), a
        mention of the resident's situation (低保户家的孩子…学费) or a negated one does not keep
        the question ours; an item named by its own name elsewhere does ("高龄津贴要体检吗"), as
        do two offices weighed or two benefits asked together, a benefit question about the
        object's holders ("有残疾证能领啥补贴") and a document to bring for our item.
        """
        found = objects.find(t)
        if found is None:
            return None
        if cues.OURS_AGAINST.search(t) or cues.BOTH_TOGETHER.search(t) or cues.SAME_OR_NOT.search(t) or \
                self._benefit_of_holders(t, found) or self._aspect(t, None) == "materials":
            return None
        aside = cues.SET_ASIDE.search(t)
        if aside is not None and found.spans[0][0] < aside.end() and \
                any(end - len(term) >= aside.end() for term, end in self.lexicon.services_in(t)[1]):
            return None  # the office's matter set aside ("X我回头去人社局问"), then ours asked
        for term, start, end, demoted, expansion in self.lexicon.mentions(t):
            if expansion or demoted or term not in self.lexicon.alias_services:
                continue
            if not any(a <= start and end <= b for a, b in found.spans) and \
                    not objects.procedure_of(found, term, start):
                # One of our items named on its own, or only touched by the object's gap
                # match (死亡证明…补 reaching into 殡葬补贴): the question is ours.
                return None
        return objects.referral_for(found, self.matcher.referrals)

    @staticmethod
    def _benefit_of_holders(t: str, found) -> bool:
        """A benefit question about the object's holders ("有残疾证能领啥补贴"), not about the
        object itself: an object whose own words hold the benefit word (就业补贴, 育儿补贴)
        asked "有什么…" is still that office's benefit."""
        for match in cues.BENEFIT_QUESTION.finditer(t):
            if not any(a < match.end() and match.start() < b for a, b in found.spans):
                return True
        return False

    def _asked_items(self, t: str) -> set[str]:
        """Items named by a mention neither background nor negated (names and keywords)."""
        lex = self.lexicon
        return {code for term, _, _, demoted, _ in lex.mentions(t) if not demoted
                for code in (*lex.alias_services.get(term, ()), *lex.keyword_services.get(term, ()))}

    @staticmethod
    def _set_aside(t: str, topic: str, found) -> bool:
        """"X的事我回头去问，先问下Y": the department's topic is set aside (asked already, to be
        asked there later) and an item of ours is named after it."""
        aside = cues.SET_ASIDE.search(t)
        at = t.find(topic) if topic else -1
        return aside is not None and 0 <= at < aside.start() and \
            any(end - len(term) >= aside.end() for term, end in found)

    def _situation_only(self, t: str) -> bool:
        """No item is named but as who the resident is ("我是低保户", "X户") or negated; and no
        other aspect is asked ("也能领多少" asks the standard)."""
        named = [m for m in self.lexicon.mentions(t) if m[0] in self.lexicon.alias_services]
        if any(not demoted for _, _, _, demoted, _ in named):
            return False
        aspect = self._aspect(t, None)
        return aspect in (None, "conditions")

    @staticmethod
    def _bare_follow_up(t: str) -> bool:
        """A short question with nothing but an aspect ("要带什么", "去哪办")."""
        return len(t) <= 8 and len(cues.FRAGMENT_FILLER.sub("", t)) <= 5

    def _names_prior(self, t: str, prior: dict) -> bool:
        """"那生活补贴呢" after 残疾人两项补贴 names part of the same item."""
        guide = self.guides.get(prior.get("service") or "")
        if not guide or not cues.FOLLOW_UP.search(t):
            return False
        mention = cues.FOLLOW_UP_WORDS.sub("", t)
        names = [guide.get("name") or "", *(guide.get("aliases") or [])]
        return len(mention) >= 2 and any(mention in name for name in names)

    def _from_faq(self, t: str, faq: dict, score: float) -> Understanding:
        aspect = self._asked(t, faq.get("service"), faq.get("aspect"))
        return Understanding("guide", faq.get("service"), aspect,
                             confidence=min(0.9, score / 100), faq=faq)

    def _aspect_posterior(self, t: str) -> dict[str, float] | None:
        """The learned aspect reading of a prepared text (None: no model, or one without it).

        A message asks for it up to three times (its rules, then the calibration); the last
        few readings are kept (forgotten when the model changes).
        """
        model = self.model
        if model is None or model.aspects is None:
            return None
        posterior = self._aspect_memo.get(t)
        if posterior is None:
            if len(self._aspect_memo) >= ASPECT_MEMO:
                self._aspect_memo.clear()
            posterior = model.aspects.posterior(self.aspect_text(t, prepared=True))
            self._aspect_memo[t] = posterior
        return posterior

    def _asked(self, t: str, code: str | None, hint: str | None = None,
               hint_weight: float = 0.0) -> str:
        """The aspect asked about: the rules' cues weighed with the learned aspect reading.

        Each aspect scores the reading's log-probability plus CUE_WEIGHT times the weight of
        its strongest cue (and of `hint`, the aspect of a matched FAQ entry, as a cue of
        HINT_WEIGHT). A present cue beats the reading's doubt; two cues are decided by the
        reading; where no cue fires the reading decides, rather than a default 'overview'.
        Without the reading: the rules' aspect, else the hint, else 'overview'.
        """
        return self._aspects_weighed(t, code, hint, hint_weight)[0][0]

    def _aspects_weighed(self, t: str, code: str | None, hint: str | None = None,
                         hint_weight: float = 0.0) -> list[tuple[str, float]]:
        """The aspects as _asked weighs them, best first (each fitted to the item, its best
        score kept); one entry without the reading."""
        posterior = self._aspect_posterior(t)
        if posterior is None:
            return [(self._aspect(t, code) or hint or "overview", 0.0)]
        scores = dict(self._cue_scores(t))
        if hint:
            scores[hint] = max(scores.get(hint, 0.0), hint_weight or HINT_WEIGHT)
        combined = {a: math.log(max(p, 1e-6)) + CUE_WEIGHT * scores.get(a, 0.0)
                    for a, p in posterior.items()}
        ranked: dict[str, float] = {}
        for a in sorted(ASPECT_PRIORITY, key=lambda a: (-combined.get(a, -99.0), ASPECT_PRIORITY.index(a))):
            fitted = self.fit_aspect(a, code, t) if code else a
            ranked.setdefault(fitted, combined.get(a, -99.0))
        return list(ranked.items())

    def _aspect_in_doubt(self, t: str, code: str, hint: str | None = None,
                         hint_weight: float = 0.0) -> str | None:
        """The runner-up aspect when the cues and the reading leave two aspects within
        ASPECT_DOUBT of each other (asked back, not answered), else None."""
        weighed = self._aspects_weighed(t, code, hint, hint_weight)
        if len(weighed) > 1 and weighed[0][1] - weighed[1][1] < ASPECT_DOUBT:
            return weighed[1][0]
        return None

    def _cue_scores(self, t: str) -> dict[str, float]:
        """The rules' aspect cues found in a prepared text, each aspect's strongest weight
        (the last text's are kept: its rules and the aspect weighing both ask)."""
        last = self._last_cues
        if last is not None and last[0] == t:
            return last[1]
        scores = cues.best(self.aspect_cues, t, self._aspect_screens)
        if len(scores) >= 2:
            main = self._main_clause_aspect(t)
            if main is not None:
                aspect, marked = main
                scores = dict(scores)
                scores[aspect] = max(scores.values()) + (MARKED_CLAUSE_BONUS if marked else MAIN_CLAUSE_BONUS)
        self._last_cues = (t, scores)
        return scores

    def _main_clause_aspect(self, t: str) -> tuple[str, bool] | None:
        """In a message of clauses asking different aspects, the main question's aspect: the
        clause marked as the question ("想问下…"), else the first that asks one (a clause with
        no asking word, or telling hearsay, "听说…可以优先", asks nothing), and whether it was marked. None: one clause,
        or one aspect asked."""
        asked = []
        for clause in self._clauses.get(t, ()):
            ct = self.lexicon.synonymize(self.join_split_words(clause))
            if not ct or cues.HEARSAY.search(ct) or cues.NOT_ASKED_CLAUSE.search(ct):
                continue
            found = cues.best(self.aspect_cues, ct, self._aspect_screens)
            asks = cues.ASKING.search(ct) or cues.QUESTION_END.search(ct)
            if found and asks and max(found.values()) >= MAIN_CLAUSE_CUE:
                top = max(ASPECT_PRIORITY, key=lambda a: (found.get(a, 0), -ASPECT_PRIORITY.index(a)))
                asked.append((top, bool(cues.QUESTION_MARKER.search(ct))))
        marked = [a for a, m in asked if m]
        if marked:
            return marked[-1], True
        return (asked[0][0], False) if len({a for a, _ in asked}) >= 2 else None

    def _aspect(self, t: str, code: str | None) -> str | None:
        scores = self._cue_scores(t)
        if not scores:
            return None
        aspect = max(ASPECT_PRIORITY, key=lambda a: (scores.get(a, 0), -ASPECT_PRIORITY.index(a)))
        return self.fit_aspect(aspect, code) if code else aspect

    def fit_aspect(self, aspect: str, code: str | None, t: str = "") -> str:
        """"多少钱" means the allowance where there is one, else the fee; a subsidy's standard
        asked by name ("补贴标准是多少") stays the standard."""
        guide = self.guides.get(code or "", {})
        if aspect == "standard" and guide and not (guide.get("standard") or "").strip() and \
                not cues.SUBSIDY_STANDARD.search(t):
            return "fee"
        return aspect
