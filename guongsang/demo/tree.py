"""The demo organisation tree: the four issuers of the seed plans under their provincial
committees, and Thái Nguyên province in its post-July-2025 shape with the units it replaced kept
as ended and linked to their successors. Names of villages and agencies are illustrative."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

REFORM_END = dt.date(2025, 6, 30)  # district level and provincial blocs ended
REFORM_START = dt.date(2025, 7, 1)
BOARDS_END = dt.date(2025, 2, 28)  # propaganda and mass-mobilisation boards merged
BOARDS_START = dt.date(2025, 3, 1)


@dataclass
class U:
    code: str
    name: str
    kind: str
    members: int | None = None
    abbr: str = ""
    place: str = ""
    short: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    successor: str = ""
    children: list[U] = field(default_factory=list)
    ethnic_share: float = 0.0  # share of people of a local ethnic minority (names, ethnicity)


def chi_bo(prefix: str, names: list[str], sizes: list[int]) -> list[U]:
    return [
        U(f"{prefix}-CB{i + 1:02d}", f"Chi bộ {n}", "chi-bo-truc-thuoc", sizes[i % len(sizes)])
        for i, n in enumerate(names)
    ]


def boards(prefix: str, owner: str, *, merged: bool = False) -> list[U]:
    names = [
        "Ban Tổ chức",
        "Ban Tuyên giáo" if not merged else "Ban Tuyên giáo và Dân vận",
        "Ủy ban Kiểm tra",
        "Văn phòng",
    ]
    codes = ["BTC", "BTG" if not merged else "BTGDV", "UBKT", "VP"]
    return [U(f"{prefix}-{c}", f"{n} {owner}", "co-quan-tham-muu") for c, n in zip(codes, names, strict=True)]


def mass_orgs(prefix: str, level: str) -> list[U]:
    return [
        U(f"{prefix}-MTTQ", f"Ủy ban Mặt trận Tổ quốc Việt Nam {level}", "mttq"),
        U(f"{prefix}-DTN", f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {level}", "doan-thanh-nien"),
        U(f"{prefix}-HPN", f"Hội Liên hiệp Phụ nữ {level}", "hoi-phu-nu"),
        U(f"{prefix}-HND", f"Hội Nông dân {level}", "hoi-nong-dan"),
        U(f"{prefix}-CCB", f"Hội Cựu chiến binh {level}", "hoi-cuu-chien-binh"),
    ]


THON = ["thôn 1", "thôn 2", "thôn 3", "thôn 4", "thôn 5", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế"]


def commune(prefix: str, name: str, members: int, n_branches: int, *, kind: str = "dang-bo-co-so", **extra) -> U:
    return U(
        prefix, f"Đảng bộ {name}", kind, members, children=chi_bo(prefix, THON[:n_branches], [18, 24, 31, 15]), **extra
    )


def agency_party(prefix: str, name: str, members: int, branches: list[str], **extra) -> U:
    return U(
        prefix, f"Đảng bộ {name}", "dang-bo-co-so", members, children=chi_bo(prefix, branches, [12, 16, 21, 9]), **extra
    )


# --- Lâm Đồng: Huyện ủy Lạc Dương (seed 000) -----------------------------------------------------
LAC_DUONG = U(
    "LD-HU",
    "Huyện ủy Lạc Dương",
    "huyen-uy",
    2150,
    abbr="HU",
    place="Lạc Dương",
    end=REFORM_END,
    successor="LD-DUX-LACDUONG",
    ethnic_share=0.45,
    children=[
        *boards("LD-HU", "Huyện ủy"),
        commune("LD-TT", "thị trấn Lạc Dương", 182, 6),
        commune("LD-LAT", "xã Lát", 121, 5),
        commune("LD-DASAR", "xã Đạ Sar", 96, 5),
        commune("LD-DACHAIS", "xã Đạ Chais", 72, 4),
        commune("LD-DANHIM", "xã Đạ Nhim", 85, 4),
        commune("LD-DUNGKNO", "xã Đưng K'Nớ", 46, 3),
        agency_party("LD-QS", "Quân sự huyện", 64, ["Ban Chỉ huy", "Đại đội bộ binh"]),
        agency_party("LD-CA", "Công an huyện", 112, ["Đội Cảnh sát", "Đội An ninh", "Công an thị trấn"]),
        U("LD-CB-TOAAN", "Chi bộ Tòa án nhân dân huyện", "chi-bo-co-so", 9),
        U("LD-CB-VKS", "Chi bộ Viện Kiểm sát nhân dân huyện", "chi-bo-co-so", 11),
        U("LD-CB-LANGBIANG", "Chi bộ Trường THPT Lang Biang", "chi-bo-co-so", 22),
        U("LD-CB-TTYT", "Chi bộ Trung tâm Y tế huyện", "chi-bo-co-so", 28),
        U("LD-CB-KHOBAC", "Chi bộ Kho bạc Nhà nước huyện", "chi-bo-co-so", 7),
        *mass_orgs("LD", "huyện Lạc Dương"),
        U("LD-UBND", "Ủy ban nhân dân huyện Lạc Dương", "ubnd"),  # a State body reporting to the committee
    ],
)
LAM_DONG = U(
    "LD-TU",
    "Tỉnh ủy Lâm Đồng",
    "tinh-uy",
    abbr="TU",
    place="Đà Lạt",
    short="Tỉnh ủy",
    children=[
        LAC_DUONG,
        U(
            "LD-DUX-LACDUONG",
            "Đảng ủy xã Lạc Dương",
            "dang-uy-xa",
            640,
            abbr="ĐU",
            place="Lạc Dương",
            start=REFORM_START,
            ethnic_share=0.45,
            children=chi_bo("LD-DUX-LACDUONG", THON[:5], [25, 30, 18]),
        ),
    ],
)

# --- Hà Tĩnh: Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh (seed 001) -----------------------------------
HA_TINH_DUK = U(
    "HT-DUK",
    "Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh Hà Tĩnh",
    "dang-uy-khoi",
    5200,
    abbr="ĐUK",
    place="Hà Tĩnh",
    short="Đảng ủy Khối",
    end=REFORM_END,
    children=[
        *boards("HT-DUK", "Đảng ủy Khối"),
        agency_party(
            "HT-SYT",
            "Sở Y tế",
            168,
            ["Văn phòng Sở", "Chi cục Dân số", "Trung tâm Kiểm soát bệnh tật", "Bệnh viện Y dược cổ truyền"],
        ),
        agency_party(
            "HT-SGD",
            "Sở Giáo dục và Đào tạo",
            124,
            ["Văn phòng Sở", "Trường THPT chuyên", "Trường THPT Phan Đình Phùng"],
        ),
        agency_party(
            "HT-EVN", "Công ty Điện lực Hà Tĩnh", 135, ["Phòng Kỹ thuật", "Điện lực thành phố", "Điện lực Kỳ Anh"]
        ),
        agency_party("HT-STC", "Sở Tài chính", 64, ["Văn phòng Sở", "Phòng Ngân sách"]),
        agency_party(
            "HT-SNN",
            "Sở Nông nghiệp và Phát triển nông thôn",
            88,
            ["Văn phòng Sở", "Chi cục Kiểm lâm", "Chi cục Thủy lợi"],
        ),
        agency_party("HT-STP", "Sở Tư pháp", 42, ["Văn phòng Sở", "Phòng Công chứng số 1"]),
        U("HT-CB-NGOAIVU", "Chi bộ Sở Ngoại vụ", "chi-bo-co-so", 14),
        U("HT-CB-BANDT", "Chi bộ Ban Dân tộc tỉnh", "chi-bo-co-so", 12),
        U("HT-CB-CAPNUOC", "Chi bộ Công ty Cổ phần Cấp nước", "chi-bo-co-so", 25),
        U("HT-CB-THANHTRA", "Chi bộ Thanh tra tỉnh", "chi-bo-co-so", 18),
        U("HT-DTN", "Đoàn Thanh niên Khối Cơ quan - Doanh nghiệp tỉnh", "doan-thanh-nien"),
        U("HT-CD", "Công đoàn Khối Cơ quan - Doanh nghiệp tỉnh", "cong-doan"),
        U("HT-CCB", "Hội Cựu chiến binh Khối Cơ quan - Doanh nghiệp tỉnh", "hoi-cuu-chien-binh"),
    ],
)
HA_TINH = U("HT-TU", "Tỉnh ủy Hà Tĩnh", "tinh-uy", abbr="TU", place="Hà Tĩnh", short="Tỉnh ủy", children=[HA_TINH_DUK])

# --- Hà Nam: Huyện ủy Kim Bảng (seed 003) ---------------------------------------------------------
KIM_BANG = U(
    "KB-HU",
    "Huyện ủy Kim Bảng",
    "huyen-uy",
    4100,
    abbr="HU",
    place="Kim Bảng",
    end=REFORM_END,
    children=[
        *boards("KB-HU", "Huyện ủy"),
        commune("KB-BASAO", "thị trấn Ba Sao", 152, 5),
        commune("KB-QUE", "thị trấn Quế", 131, 5),
        commune("KB-THANHSON", "xã Thanh Sơn", 108, 4),
        commune("KB-TANSON", "xã Tân Sơn", 94, 4),
        commune("KB-NHATTAN", "xã Nhật Tân", 90, 4),
        commune("KB-DONGHOA", "xã Đồng Hóa", 101, 4),
        agency_party("KB-QS", "Quân sự huyện", 55, ["Ban Chỉ huy", "Đại đội dân quân"]),
        agency_party("KB-CA", "Công an huyện", 98, ["Đội Cảnh sát", "Đội An ninh"]),
        U("KB-CB-TOAAN", "Chi bộ Tòa án nhân dân huyện", "chi-bo-co-so", 10),
        U("KB-CB-VKS", "Chi bộ Viện Kiểm sát nhân dân huyện", "chi-bo-co-so", 12),
        U("KB-CB-THUE", "Chi bộ Chi cục Thuế khu vực", "chi-bo-co-so", 19),
        U("KB-CB-BHXH", "Chi bộ Bảo hiểm xã hội huyện", "chi-bo-co-so", 11),
        U("KB-CB-VHTT", "Chi bộ Trung tâm Văn hóa - Thể thao huyện", "chi-bo-co-so", 8),
        *mass_orgs("KB", "huyện Kim Bảng"),
        U("KB-LDLD", "Liên đoàn Lao động huyện Kim Bảng", "cong-doan"),
    ],
)
HA_NAM = U("KB-TU", "Tỉnh ủy Hà Nam", "tinh-uy", abbr="TU", place="Phủ Lý", short="Tỉnh ủy", children=[KIM_BANG])

# --- Thái Nguyên: Đảng ủy Khối các cơ quan tỉnh (seed 004), and the province after July 2025 -------
TN_DUK = U(
    "TN-DUK",
    "Đảng ủy Khối các cơ quan tỉnh Thái Nguyên",
    "dang-uy-khoi",
    6900,
    abbr="ĐUK",
    place="Thái Nguyên",
    short="Đảng ủy Khối",
    end=REFORM_END,
    successor="TN-DUCQD",
    children=[
        *boards("TN-DUK", "Đảng ủy Khối"),
        agency_party(
            "TN-SYT",
            "Sở Y tế",
            210,
            ["Văn phòng Sở", "Trung tâm Kiểm soát bệnh tật", "Bệnh viện Lao và Bệnh phổi"],
            end=REFORM_END,
            successor="TN-UB-SYT",
        ),
        U(
            "TN-SGD",
            "Đảng bộ Sở Giáo dục và Đào tạo",
            "dang-bo-co-so",
            140,
            end=REFORM_END,
            successor="TN-UB-SGD",
            children=[
                U(
                    "TN-SGD-BP",
                    "Đảng bộ bộ phận các trường chuyên biệt",
                    "dang-bo-bo-phan",
                    38,
                    children=chi_bo("TN-SGD-BP", ["Trường THPT chuyên", "Trường Phổ thông Dân tộc nội trú"], [19]),
                ),
                *chi_bo("TN-SGD", ["Văn phòng Sở", "Phòng Giáo dục Trung học"], [14, 11]),
            ],
        ),
        agency_party(
            "TN-SNN",
            "Sở Nông nghiệp và Phát triển nông thôn",
            95,
            ["Văn phòng Sở", "Chi cục Kiểm lâm"],
            end=REFORM_END,
            successor="TN-UB-SNNMT",
        ),
        agency_party(
            "TN-STC",
            "Sở Tài chính",
            58,
            ["Văn phòng Sở", "Phòng Quản lý ngân sách"],
            end=REFORM_END,
            successor="TN-UB-STC",
        ),
        agency_party(
            "TN-VPUB",
            "Văn phòng UBND tỉnh",
            75,
            ["Phòng Tổng hợp", "Trung tâm Phục vụ hành chính công"],
            end=REFORM_END,
            successor="TN-UB-VPUB",
        ),
        U("TN-CB-NGOAIVU", "Chi bộ Sở Ngoại vụ", "chi-bo-co-so", 15, end=REFORM_END, successor="TN-UB-CB-NGOAIVU"),
        U("TN-CB-TUPHAP", "Chi bộ Sở Tư pháp", "chi-bo-co-so", 27, end=REFORM_END),
        U("TN-CB-BANDT", "Chi bộ Ban Dân tộc tỉnh", "chi-bo-co-so", 13, end=REFORM_END),
        U("TN-CB-THANHTRA", "Chi bộ Thanh tra tỉnh", "chi-bo-co-so", 24, end=REFORM_END),
        U("TN-CB-LMHTX", "Chi bộ Liên minh Hợp tác xã tỉnh", "chi-bo-co-so", 12, end=REFORM_END),
        U("TN-CCB", "Hội Cựu chiến binh Khối các cơ quan tỉnh", "hoi-cuu-chien-binh", end=REFORM_END),
        U("TN-CDVC", "Công đoàn Viên chức tỉnh", "cong-doan", end=REFORM_END),
        U("TN-DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh Khối các cơ quan tỉnh", "doan-thanh-nien", end=REFORM_END),
    ],
)
TN_DNDN = U(
    "TN-DUKDN",
    "Đảng ủy Khối Doanh nghiệp tỉnh Thái Nguyên",
    "dang-uy-khoi",
    3100,
    abbr="ĐUK",
    place="Thái Nguyên",
    end=REFORM_END,
    successor="TN-DUUB",
    children=[
        agency_party(
            "TN-GANGTHEP",
            "Công ty Cổ phần Gang thép Thái Nguyên",
            320,
            ["Nhà máy Cán thép", "Mỏ sắt Trại Cau"],
            end=REFORM_END,
        ),
        U("TN-CB-MOITRUONG", "Chi bộ Công ty Môi trường đô thị", "chi-bo-co-so", 23, end=REFORM_END),
    ],
)
TN_DINH_HOA = U(
    "TN-HU-DINHHOA",
    "Huyện ủy Định Hóa",
    "huyen-uy",
    3600,
    abbr="HU",
    place="Định Hóa",
    end=REFORM_END,
    ethnic_share=0.5,
    children=[
        commune("TN-DH-CHOCHU", "thị trấn Chợ Chu", 160, 4, end=REFORM_END, successor="TN-DUX-DINHHOA"),
        commune("TN-DH-PHUDINH", "xã Phú Đình", 98, 3, end=REFORM_END, successor="TN-DUX-PHUDINH"),
        commune("TN-DH-BAOCUONG", "xã Bảo Cường", 77, 3, end=REFORM_END, successor="TN-DUX-DINHHOA"),
    ],
)
TN_CITY = U(
    "TN-THU",
    "Thành ủy Thái Nguyên",
    "huyen-uy",
    21000,
    abbr="ThU",
    place="Thái Nguyên",
    end=REFORM_END,
    children=[
        commune("TN-TP-PDP", "phường Phan Đình Phùng", 420, 5, end=REFORM_END, successor="TN-DUP-PDP"),
        commune("TN-TP-TRUNGVUONG", "phường Trưng Vương", 260, 4, end=REFORM_END, successor="TN-DUP-PDP"),
        commune("TN-TP-GIASANG", "phường Gia Sàng", 310, 4, end=REFORM_END, successor="TN-DUP-GIASANG"),
    ],
)

PDP_BRANCHES = [
    "tổ dân phố 1",
    "tổ dân phố 2",
    "tổ dân phố 3",
    "tổ dân phố 4",
    "Trường THCS Nha Trang",
    "Trường Tiểu học Đội Cấn",
    "Trạm Y tế phường",
]
THAI_NGUYEN = U(
    "TN-TU",
    "Tỉnh ủy Thái Nguyên",
    "tinh-uy",
    abbr="TU",
    place="Thái Nguyên",
    short="Tỉnh ủy",
    children=[
        U("TN-TU-BTC", "Ban Tổ chức Tỉnh ủy", "co-quan-tham-muu", abbr="BTCTU"),
        U(
            "TN-TU-BTG",
            "Ban Tuyên giáo Tỉnh ủy",
            "co-quan-tham-muu",
            abbr="BTGTU",
            end=BOARDS_END,
            successor="TN-TU-BTGDV",
        ),
        U(
            "TN-TU-BDV",
            "Ban Dân vận Tỉnh ủy",
            "co-quan-tham-muu",
            abbr="BDVTU",
            end=BOARDS_END,
            successor="TN-TU-BTGDV",
        ),
        U("TN-TU-BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "co-quan-tham-muu", abbr="BTGDVTU", start=BOARDS_START),
        U("TN-TU-VP", "Văn phòng Tỉnh ủy", "co-quan-tham-muu", abbr="VPTU"),
        TN_DUK,
        TN_DNDN,
        TN_DINH_HOA,
        TN_CITY,
        U(
            "TN-DUCQD",
            "Đảng ủy các cơ quan Đảng tỉnh Thái Nguyên",
            "dang-uy-co-quan-dang",
            2300,
            abbr="ĐU",
            place="Thái Nguyên",
            start=REFORM_START,
            children=[
                U("TN-CQD-CB-BTC", "Chi bộ Ban Tổ chức Tỉnh ủy", "chi-bo-co-so", 21, start=REFORM_START),
                U(
                    "TN-CQD-CB-BTGDV",
                    "Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy",
                    "chi-bo-co-so",
                    26,
                    start=REFORM_START,
                ),
                U("TN-CQD-CB-TUPHAP", "Chi bộ Tòa án nhân dân tỉnh", "chi-bo-co-so", 29, start=REFORM_START),
                U("TN-CQD-CCB", "Hội Cựu chiến binh các cơ quan Đảng tỉnh", "hoi-cuu-chien-binh", start=REFORM_START),
            ],
        ),
        U(
            "TN-DUUB",
            "Đảng ủy Ủy ban nhân dân tỉnh Thái Nguyên",
            "dang-uy-ubnd-tinh",
            7400,
            abbr="ĐU",
            place="Thái Nguyên",
            start=REFORM_START,
            children=[
                agency_party(
                    "TN-UB-SYT", "Sở Y tế", 230, ["Văn phòng Sở", "Trung tâm Kiểm soát bệnh tật"], start=REFORM_START
                ),
                agency_party(
                    "TN-UB-SGD",
                    "Sở Giáo dục và Đào tạo",
                    152,
                    ["Văn phòng Sở", "Trường THPT chuyên"],
                    start=REFORM_START,
                ),
                agency_party(
                    "TN-UB-SNNMT",
                    "Sở Nông nghiệp và Môi trường",
                    160,
                    ["Văn phòng Sở", "Chi cục Kiểm lâm"],
                    start=REFORM_START,
                ),
                agency_party("TN-UB-STC", "Sở Tài chính", 96, ["Văn phòng Sở", "Phòng Đầu tư"], start=REFORM_START),
                agency_party("TN-UB-VPUB", "Văn phòng UBND tỉnh", 80, ["Phòng Tổng hợp"], start=REFORM_START),
                U("TN-UB-CB-NGOAIVU", "Chi bộ Sở Ngoại vụ", "chi-bo-co-so", 16, start=REFORM_START),
            ],
        ),
        U(
            "TN-DUP-PDP",
            "Đảng ủy phường Phan Đình Phùng",
            "dang-uy-xa",
            1450,
            abbr="ĐU",
            place="Phan Đình Phùng",
            start=REFORM_START,
            children=[
                *boards("TN-DUP-PDP", "Đảng ủy phường")[:1],
                U(
                    "TN-DUP-PDP-BXDD",
                    "Ban Xây dựng Đảng Đảng ủy phường Phan Đình Phùng",
                    "co-quan-tham-muu",
                    start=REFORM_START,
                ),
                *[
                    U(
                        f"TN-DUP-PDP-CB{i + 1:02d}",
                        f"Chi bộ {n}",
                        "chi-bo-co-so",
                        [32, 27, 45, 21, 18, 15, 12][i],
                        start=REFORM_START,
                    )
                    for i, n in enumerate(PDP_BRANCHES)
                ],
                U(
                    "TN-DUP-PDP-MTTQ",
                    "Ủy ban Mặt trận Tổ quốc Việt Nam phường Phan Đình Phùng",
                    "mttq",
                    start=REFORM_START,
                ),
            ],
        ),
        U(
            "TN-DUP-GIASANG",
            "Đảng ủy phường Gia Sàng",
            "dang-uy-xa",
            780,
            abbr="ĐU",
            place="Gia Sàng",
            start=REFORM_START,
            children=[
                U(f"TN-DUP-GS-CB{i + 1:02d}", f"Chi bộ tổ dân phố {i + 1}", "chi-bo-co-so", 20 + i, start=REFORM_START)
                for i in range(4)
            ],
        ),
        U(
            "TN-DUX-DINHHOA",
            "Đảng ủy xã Định Hóa",
            "dang-uy-xa",
            890,
            abbr="ĐU",
            place="Định Hóa",
            start=REFORM_START,
            ethnic_share=0.5,
            children=[
                U(f"TN-DUX-DH-CB{i + 1:02d}", f"Chi bộ thôn {n}", "chi-bo-co-so", 15 + 3 * i, start=REFORM_START)
                for i, n in enumerate(["Bãi Á", "Làng Mố", "Tân Thái", "Hồng La"])
            ],
        ),
        U(
            "TN-DUX-PHUDINH",
            "Đảng ủy xã Phú Đình",
            "dang-uy-xa",
            410,
            abbr="ĐU",
            place="Phú Đình",
            start=REFORM_START,
            ethnic_share=0.5,
            children=[
                U(f"TN-DUX-PD-CB{i + 1:02d}", f"Chi bộ thôn {n}", "chi-bo-co-so", 14 + 2 * i, start=REFORM_START)
                for i, n in enumerate(["Đồng Hút", "Khuôn Tát", "Điềm Mặc"])
            ],
        ),
        U("TN-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Nguyên", "mttq"),
        U("TN-TINHDOAN", "Tỉnh đoàn Thái Nguyên", "doan-thanh-nien"),
    ],
)

ROOTS = [LAM_DONG, HA_TINH, HA_NAM, THAI_NGUYEN]

# Demo accounts: (prefix, what it stands for, issuing unit, unit of the unit-level roles)
SITES = [
    ("lacduong", "Huyện ủy Lạc Dương (kế hoạch 000)", "LD-HU", "LD-CB-LANGBIANG"),
    ("hatinh", "Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh Hà Tĩnh (kế hoạch 001)", "HT-DUK", "HT-SGD"),
    ("kimbang", "Huyện ủy Kim Bảng (kế hoạch 003)", "KB-HU", "KB-BASAO"),
    ("tnduk", "Đảng ủy Khối các cơ quan tỉnh Thái Nguyên (kế hoạch 004)", "TN-DUK", "TN-CB-NGOAIVU"),
    ("thainguyen", "Tỉnh ủy Thái Nguyên (sau 01/7/2025)", "TN-TU", "TN-DUP-PDP"),
    ("phandinhphung", "Đảng ủy phường Phan Đình Phùng (sau 01/7/2025)", "TN-DUP-PDP", "TN-DUP-PDP-CB01"),
]
ROLE_NAMES = {
    "manager": "quanly",
    "leader": "lanhdao",
    "reviewer": "thamdinh",
    "office": "vanphong",
    "submitter": "donvi",
    "head": "bithu",
    "admin": "quantri",
}
UNIT_LEVEL_ROLES = {"submitter", "head"}
DEMO_PASSWORD = "GuongSang@2026"
