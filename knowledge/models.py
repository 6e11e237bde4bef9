"""Knowledge base tables: the database is the source of truth at run time."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.audit import utcnow
from core.extensions import db

# The aspects of a guide, in the order a full guide is read.
ASPECTS = ("overview", "conditions", "materials", "process", "time_limit",
           "location", "fee", "contact", "standard", "legal_basis")


class Guide(db.Model):
    """One published service item's guide (办事指南)."""

    __tablename__ = "guides"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str] = mapped_column(String(16))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    overview: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    process: Mapped[str] = mapped_column(Text, default="")
    time_limit: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    fee: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    standard: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    sample_values: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def as_dict(self) -> dict:
        keys = ("code", "name", "short_name", "category", "mode", "aliases",
                "keywords", "sample_values") + ASPECTS
        return {key: getattr(self, key) for key in keys}


class FaqEntry(db.Model):
    """A policy question with its alternate phrasings and answer."""

    __tablename__ = "faq_entries"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    service: Mapped[str | None] = mapped_column(ForeignKey("guides.code"), default=None)
    aspect: Mapped[str | None] = mapped_column(String(16), default=None)
    question: Mapped[str] = mapped_column(String(200))
    alternates: Mapped[list] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def as_dict(self) -> dict:
        return {"id": self.id, "service": self.service, "aspect": self.aspect,
                "question": self.question, "alternates": list(self.alternates),
                "answer": self.answer}


class Synonym(db.Model):
    """Resident wording mapped to the canonical term (吃低保 → 最低生活保障)."""

    __tablename__ = "synonyms"

    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    canonical: Mapped[str] = mapped_column(String(40))


class DictWord(db.Model):
    """A jieba domain-dictionary word."""

    __tablename__ = "dict_words"

    word: Mapped[str] = mapped_column(String(40), primary_key=True)
    freq: Mapped[int] = mapped_column(default=3000)
    pos: Mapped[str] = mapped_column(String(8), default="nz")


class Referral(db.Model):
    """Another department's business, and where to send the resident."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    department: Mapped[str] = mapped_column(String(80), unique=True)
    topics: Mapped[list] = mapped_column(JSON, default=list)
    reply: Mapped[str] = mapped_column(Text)


class KnowledgeRevision(db.Model):
    """One saved state of a knowledge entry, kept so staff can see and restore history.

    `data` is the entry after the change (None when it was deleted); the first
    edit of an entry also stores its state before, so the original is restorable.
    """

    __tablename__ = "knowledge_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(16), index=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    data: Mapped[dict | None] = mapped_column(JSON, default=None)
    action: Mapped[str] = mapped_column(String(16), default="update")
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    version: Mapped[int] = mapped_column(default=0)


class NluModel(db.Model):
    """A learned-understanding artefact (intents.model) built from one knowledge version.

    Kept in the database, not on one host's disk, so every process on every
    host loads the same artefact; the setting `nlu.model.version` names the
    live one.
    """

    __tablename__ = "nlu_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    knowledge_version: Mapped[int] = mapped_column(default=0, index=True)
    built_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[bytes] = mapped_column(LargeBinary)
