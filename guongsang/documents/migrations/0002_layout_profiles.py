import datetime as dt

from django.db import migrations

PROFILES = [
    dict(
        code="hd36-2018",
        name="Hướng dẫn 36-HD/VPTW ngày 03/4/2018",
        family="party",
        effective_from=dt.date(2018, 4, 3),
        note="Lề 20/20/30/15 mm theo thực tế áp dụng; cần đối chiếu văn bản gốc (DOMAIN.md §1.1).",
    ),
    dict(
        code="nd30-2020",
        name="Nghị định 30/2020/NĐ-CP ngày 05/3/2020",
        family="state",
        effective_from=dt.date(2020, 3, 5),
        motto_pt=13,
        note="Quốc hiệu 12–13, chữ đậm; lề trên/dưới 20–25, trái 30–35, phải 15–20 mm.",
    ),
]


def seed(apps, schema_editor):
    LayoutProfile = apps.get_model("documents", "LayoutProfile")
    for row in PROFILES:
        LayoutProfile.objects.update_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
