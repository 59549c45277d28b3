"""Seed the unit kinds the plans use, before and after the July 2025 reform. Kinds are data:
an administrator adds, renames or retires them in the admin without a code change."""

from django.db import migrations

# code, name, category, party org, grassroots, superior powers, historic, order, note
KINDS = [
    ("tinh-uy", "Tỉnh ủy / Thành ủy", "party", True, False, True, False, 10, ""),
    (
        "huyen-uy",
        "Huyện ủy / Quận ủy / Thị ủy",
        "party",
        True,
        False,
        True,
        True,
        20,
        "Cấp huyện kết thúc hoạt động từ 01/7/2025; giữ để tra cứu lịch sử.",
    ),
    (
        "dang-uy-khoi",
        "Đảng ủy Khối",
        "party",
        True,
        False,
        True,
        True,
        25,
        "Các Đảng bộ Khối cấp tỉnh kết thúc năm 2025.",
    ),
    (
        "dang-uy-co-quan-dang",
        "Đảng ủy các cơ quan Đảng tỉnh",
        "party",
        True,
        False,
        True,
        False,
        30,
        "Thành lập năm 2025.",
    ),
    ("dang-uy-ubnd-tinh", "Đảng ủy Ủy ban nhân dân tỉnh", "party", True, False, True, False, 31, "Thành lập năm 2025."),
    (
        "dang-uy-xa",
        "Đảng ủy xã / phường / đặc khu",
        "party",
        True,
        False,
        True,
        False,
        35,
        "Trực thuộc Tỉnh ủy từ 01/7/2025. Là cấp trên cơ sở hay đảng bộ cơ sở được giao quyền: chưa xác nhận.",
    ),
    ("dang-bo-co-so", "Đảng bộ cơ sở", "party", True, True, False, False, 40, ""),
    ("chi-bo-co-so", "Chi bộ cơ sở", "party", True, True, False, False, 50, ""),
    ("dang-bo-bo-phan", "Đảng bộ bộ phận", "party", True, False, False, False, 60, ""),
    ("chi-bo-truc-thuoc", "Chi bộ trực thuộc", "party", True, False, False, False, 70, ""),
    (
        "co-quan-tham-muu",
        "Cơ quan tham mưu, giúp việc cấp ủy",
        "agency",
        False,
        False,
        False,
        False,
        80,
        "Ban Tổ chức, Ban Tuyên giáo (và Dân vận), Ủy ban Kiểm tra, Văn phòng…",
    ),
    ("mttq", "Mặt trận Tổ quốc Việt Nam", "front", False, False, False, False, 90, ""),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "mass", False, False, False, False, 91, ""),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ", "mass", False, False, False, False, 92, ""),
    ("hoi-nong-dan", "Hội Nông dân", "mass", False, False, False, False, 93, ""),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh", "mass", False, False, False, False, 94, ""),
    ("cong-doan", "Công đoàn", "mass", False, False, False, False, 95, ""),
    ("ubnd", "Ủy ban nhân dân", "state", False, False, False, False, 100, ""),
]


def seed(apps, schema_editor):
    UnitKind = apps.get_model("org", "UnitKind")
    for code, name, category, party, grassroots, superior, historic, order, note in KINDS:
        UnitKind.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                category=category,
                is_party_org=party,
                is_grassroots=grassroots,
                has_superior_powers=superior,
                is_historic=historic,
                order=order,
                description=note,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
