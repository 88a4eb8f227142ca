"""Vocabularies of applications. Stored codes are English; labels are what applicants and staff read.

The legal vocabularies (channels and receipt rules, applicant types, outcomes, clock events) live in the
pure core (``gongkai.rules``, ``inforequests.clock``); this module turns them into Django choices.
"""

from django.db import models

from gongkai.inforequests.clock import EventKind
from gongkai.inforequests.states import STATE_LABELS, ApplicationState
from gongkai.rules.fees import FeeBasis
from gongkai.rules.outcomes import ApplicantType, Outcome, spec
from gongkai.rules.receipt import Channel

CHANNEL_CHOICES = [(c.value, c.label) for c in Channel]
APPLICANT_TYPE_CHOICES = [(t.value, t.label) for t in ApplicantType]
OUTCOME_CHOICES = [(o.value, spec(o).label) for o in Outcome]
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in ApplicationState]
EVENT_CHOICES = [(k.value, k.label) for k in EventKind]
FEE_BASIS_CHOICES = [(b.value, b.label) for b in FeeBasis]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    OTHER = "other", "其他有效身份证件"


class FormWanted(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    EITHER = "either", "纸质或电子均可"


class DeliveryWanted(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    COLLECT = "collect", "当面领取"
    ONLINE = "online", "网上获取"


class DeliveryMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    COLLECTED = "collected", "当面领取"
    ONLINE = "online", "网上获取"
    ON_THE_SPOT = "on_the_spot", "当场答复"


class ConsultationOpinion(models.TextChoices):
    AGREES = "agrees", "同意公开"
    OBJECTS = "objects", "不同意公开"
    NO_REPLY = "no_reply", "逾期未提出意见"
