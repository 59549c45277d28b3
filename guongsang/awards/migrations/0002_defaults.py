"""Versioned defaults: the base salary by effective date, and a shared certificate layout."""

import datetime as dt

from django.db import migrations

# Mức lương cơ sở. The 2026 value is reported (Nghị định 161/2026/NĐ-CP) and not yet confirmed from an
# official page: an administrator can correct it, as every other row, in the admin.
BASE_SALARIES = [
    (dt.date(2018, 7, 1), 1_390_000, "Nghị định số 72/2018/NĐ-CP"),
    (dt.date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP"),
    (dt.date(2026, 7, 1), 2_530_000, "Nghị định số 161/2026/NĐ-CP"),
]


def seed(apps, schema_editor):
    from guongsang.awards.certificates import default_fields

    BaseSalary = apps.get_model("awards", "BaseSalary")
    for day, amount, basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(effective_from=day, defaults={"amount": amount, "basis": basis})
    CertificateLayout = apps.get_model("awards", "CertificateLayout")
    CertificateLayout.objects.get_or_create(
        name="Giấy khen — phôi A4 ngang (mặc định)",
        unit=None,
        defaults={"page_width": 297, "page_height": 210, "fields": default_fields()},
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
