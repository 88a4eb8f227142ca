from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.roles import ROLE_LABELS, Role
from gongkai.agencies.validators import validate_credit_code, validate_phone, validate_postcode


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    INSTITUTION = "institution", "公共企事业单位"


class Agency(models.Model):
    """An agency that discloses information; every record of the platform belongs to exactly one.

    ``path`` is a materialised path of ancestor ids (``/1/4/9/``) maintained by ``agency_save``,
    so a supervisor's subtree is one indexed prefix query.
    """

    name = models.CharField("机构全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("机构类型", max_length=20, choices=AgencyKind.choices)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text="18位，含校验位",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("层级路径", max_length=255, editable=False, db_index=True, default="")
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    # Contact data of the disclosure office, printed in the guide (Art. 12) and the annual report.
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True, help_text="如：办公室")
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True, validators=[validate_postcode])
    office_hours = models.CharField(
        "办公时间",
        max_length=200,
        blank=True,
        help_text="如：工作日 上午8:30-12:00，下午14:30-17:30",
    )
    phone = models.CharField("联系电话", max_length=60, blank=True, validators=[validate_phone])
    fax = models.CharField("传真", max_length=60, blank=True, validators=[validate_phone])
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("门户网站", blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ("path", "sort_order")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2 if self.path else 0

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (empty for a root)."""
        return [int(p) for p in self.path.strip("/").split("/")[:-1] if p]

    def clean(self) -> None:
        if self.parent_id is not None and self.pk is not None:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "上级机构不能是机构本身。"})
            parent_path = Agency.objects.filter(pk=self.parent_id).values_list("path", flat=True).first() or ""
            if f"/{self.pk}/" in parent_path:
                raise ValidationError({"parent": "上级机构不能是本机构的下级机构（会形成循环）。"})


class ReadingRoom(models.Model):
    """查阅场所 (Art. 25): a place where the public can read government information."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="reading_rooms")
    name = models.CharField("名称", max_length=100)
    address = models.CharField("地址", max_length=200)
    opening_hours = models.CharField("开放时间", max_length=200, blank=True)
    phone = models.CharField("电话", max_length=60, blank=True, validators=[validate_phone])
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "查阅场所"
        verbose_name_plural = "查阅场所"
        ordering = ("agency", "sort_order", "id")

    def __str__(self) -> str:
        return self.name


class DepartmentKind(models.TextChoices):
    INTERNAL = "internal", "内设机构"
    DIVISION = "division", "处室"
    SECTION = "section", "股室"


class Department(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("名称", max_length=60)
    kind = models.CharField("类型", max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.DIVISION)
    phone = models.CharField("电话", max_length=60, blank=True, validators=[validate_phone])
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"
        ordering = ("agency", "sort_order", "id")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="department_unique_name_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency.short_name or self.agency.name}·{self.name}"


class Membership(models.Model):
    """A staff user's role in one agency. Access is decided from these rows by ``agencies.access``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=[(r.value, ROLE_LABELS[r]) for r in Role])
    department = models.ForeignKey(
        Department,
        verbose_name="所在内设机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = "岗位角色"
        verbose_name_plural = "岗位角色"
        ordering = ("agency", "role", "user")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {ROLE_LABELS[Role(self.role)]}"

    def clean(self) -> None:
        if self.department_id is not None and self.agency_id is not None:
            dept_agency = Department.objects.filter(pk=self.department_id).values_list("agency_id", flat=True).first()
            if dept_agency != self.agency_id:
                raise ValidationError({"department": "所选内设机构不属于该机构。"})
