"""Catalog field vocabularies. Stored codes are English; labels are what staff and the public read."""

from django.db import models

from gongkai.agencies.roles import Role
from gongkai.publications.states import STATE_LABELS, ItemState
from gongkai.rules.disclosure import WITHHOLDING_GROUNDS, DisclosureAttribute


class Genre(models.TextChoices):
    NOTICE = "notice", "通知"
    ANNOUNCEMENT = "announcement", "公告"
    PUBLIC_NOTICE = "public_notice", "通告"
    OPINION = "opinion", "意见"
    DECISION = "decision", "决定"
    MEASURES = "measures", "办法"
    RULES = "rules", "规定"
    PLAN = "plan", "方案"
    REPORT = "report", "报告"
    REPLY = "reply", "批复"
    LETTER = "letter", "函"
    MINUTES = "minutes", "纪要"
    BULLETIN = "bulletin", "通报"
    INTERPRETATION = "interpretation", "政策解读"
    PUBLICITY = "publicity", "公示"
    OTHER = "other", "其他"


class Origin(models.TextChoices):
    """Which internal publication limit applies (one seed: own documents 5 working days, other 10)."""

    OWN_DOCUMENT = "own_document", "本机关制发文件"
    OTHER = "other", "其他信息"


class Validity(models.TextChoices):
    VALID = "valid", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class ReportKind(models.TextChoices):
    """Items counted in table 二, 第二十条第（一）项, of the annual report."""

    NONE = "", "不计入年报表二"
    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class Channel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    GAZETTE = "gazette", "政府公报"
    NEW_MEDIA = "new_media", "政务新媒体（微信/微博）"
    PRESS = "press", "报刊广播电视"
    READING_ROOM = "reading_room", "查阅场所"
    NOTICE_BOARD = "notice_board", "公告栏"


ATTRIBUTE_CHOICES = [(a.value, a.label) for a in DisclosureAttribute]
GROUND_CHOICES = [("", "—")] + [(g.code, f"{g.label}（{g.article}）") for g in WITHHOLDING_GROUNDS]
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in ItemState]
TASK_ROLE_CHOICES = [(r.value, r.label) for r in (Role.REVIEWER, Role.OFFICE, Role.APPROVER)]


class TaskStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "待处理"
    APPROVED = "approved", "通过"
    RETURNED = "returned", "退回"
    CANCELLED = "cancelled", "已取消"


class FindingKind(models.TextChoices):
    ID_NUMBER = "id_number", "居民身份证号码"
    MOBILE = "mobile", "手机号码"
    LANDLINE = "landline", "固定电话"
    BANK_CARD = "bank_card", "银行卡号"
    EMAIL = "email", "电子邮箱"
    SECRECY_MARK = "secrecy_mark", "密级标志"
    SENSITIVE_TERM = "sensitive_term", "敏感词"


class BreachKind(models.TextChoices):
    INTERNAL = "internal", "超过本机关公开时限"
    STATUTORY = "statutory", "超过法定20个工作日（条例第二十六条）"
