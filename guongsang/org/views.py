from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from guongsang.accounts.access import get_unit_for_user
from guongsang.accounts.permissions import (
    can,
    top_units,
)
from guongsang.accounts.personal import policy_for
from guongsang.lib.filenames import attachment_header, safe_download_name
from guongsang.lib.forms import add_service_errors
from guongsang.org import selectors, services, workbook
from guongsang.org.forms import UnitEndForm, UnitForm, UnitMoveForm
from guongsang.org.models import Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def tree(request):
    roots = top_units(request.user).select_related("kind").order_by("sort_key")
    return render(request, "org/tree.html", {"roots": roots})


@login_required
def children(request, pk: int):
    unit = get_unit_for_user(request.user, pk)
    kids = list(selectors.children_of(unit)[: selectors.CHILDREN_LIMIT])
    return render(
        request, "org/_children.html", {"unit": unit, "children": kids, "truncated": unit.numchild > len(kids)}
    )


@login_required
def search(request):
    query = request.GET.get("q", "").strip()
    results = selectors.search_units(request.user, query) if query else []
    template = "org/_search_results.html" if request.htmx else "org/search.html"
    return render(request, template, {"query": query, "results": results})


@login_required
def unit_detail(request, pk: int):
    unit = get_unit_for_user(request.user, pk)
    ancestors = [(a, can(request.user, "unit.view", a)) for a in selectors.ancestors_of(unit)]
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": list(selectors.children_of(unit)[:50]),
        "people_count": Person.objects.filter(unit=unit).count(),
        "ratings": unit.ratings.order_by("-year"),
        "honors": unit.honors.all(),
        "predecessors": unit.predecessors.select_related("kind").order_by("sort_key"),
        "can_edit": can(request.user, "tree.edit", unit),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def people(request, pk: int):
    unit = get_unit_for_user(request.user, pk)
    subtree = request.GET.get("tat_ca") == "1"
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.people_of(unit, subtree=subtree, query=query), 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "org/people.html",
        {
            "unit": unit,
            "page": page,
            "subtree": subtree,
            "query": query,
            "show_personal": policy_for(request.user).covers(unit),
        },
    )


@login_required
def person_detail(request, pk: int):
    try:
        person = Person.objects.select_related("unit", "unit__kind").get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    if not can(request.user, "unit.view", person.unit):
        raise Http404
    show_personal = policy_for(request.user).allows(person)
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "show_personal": show_personal,
            "ratings": person.ratings.order_by("-year") if show_personal else [],
            "honors": person.honors.all(),
        },
    )


def _editable_unit(request, pk: int):
    unit = get_unit_for_user(request.user, pk)
    if not can(request.user, "tree.edit", unit):
        raise PermissionDenied("Bạn không có quyền nhập, xuất dữ liệu của đơn vị này.")
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request, pk: int):
    unit = _editable_unit(request, pk)
    result = None
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            messages.error(request, "Chưa chọn tệp .xlsx để nhập.")
        else:
            result = workbook.import_workbook(actor=request.user, scope=unit, data=upload.read(), filename=upload.name)
            if result.saved:
                messages.success(request, "Đã nhập xong tệp " + upload.name + ".")
    return render(
        request,
        "org/import.html",
        {"unit": unit, "result": result},
        status=400 if result is not None and not result.saved else 200,
    )


@login_required
def export_view(request, pk: int):
    unit = _editable_unit(request, pk)
    response = HttpResponse(workbook.export_workbook(actor=request.user, scope=unit), content_type=XLSX)
    response["Content-Disposition"] = attachment_header(safe_download_name(f"to-chuc-{unit.code}.xlsx", "xlsx"))
    return response


@login_required
def import_template(request):
    response = HttpResponse(workbook.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-to-chuc.xlsx"'
    return response


def _apply(form, action) -> bool:
    """Run a service with the form's data; its Vietnamese validation errors land on the form."""
    try:
        action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk: int):
    unit = _editable_unit(request, pk)
    form = UnitForm(request.POST or None, initial=UnitForm.initial_for(unit))
    if request.method == "POST" and form.is_valid():
        if _apply(form, lambda: services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)):
            messages.success(request, "Đã lưu thông tin đơn vị.")
            return redirect("org:unit", pk=unit.pk)
    return render(
        request, "org/form.html", {"unit": unit, "form": form, "title": f"Sửa đơn vị — {unit.name}", "submit": "Lưu"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_add(request, pk: int):
    parent = _editable_unit(request, pk)
    form = UnitForm(request.POST or None, initial={"place_name": parent.place_name})
    created = []
    if request.method == "POST" and form.is_valid():
        if _apply(
            form, lambda: created.append(services.unit_create(actor=request.user, parent=parent, **form.cleaned_data))
        ):
            messages.success(request, f"Đã thêm đơn vị {created[0].name}.")
            return redirect("org:unit", pk=created[0].pk)
    return render(
        request,
        "org/form.html",
        {"unit": parent, "form": form, "title": f"Thêm đơn vị trực thuộc {parent.name}", "submit": "Thêm"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_end(request, pk: int):
    unit = _editable_unit(request, pk)
    form = UnitEndForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        successor = form.cleaned_data["successor_code"]
        if _apply(
            form,
            lambda: services.unit_end(
                actor=request.user, unit=unit, end_date=form.cleaned_data["end_date"], successor=successor
            ),
        ):
            messages.success(request, "Đã ghi nhận đơn vị kết thúc hoạt động; lịch sử được giữ nguyên.")
            return redirect("org:unit", pk=unit.pk)
    return render(
        request,
        "org/form.html",
        {
            "unit": unit,
            "form": form,
            "title": f"Kết thúc hoạt động — {unit.name}",
            "submit": "Ghi nhận",
            "help": "Đơn vị vẫn còn trong cây cùng toàn bộ lịch sử (xếp loại, khen thưởng, hồ sơ) và chỉ sang "
            "đơn vị kế tục. Dùng khi sáp nhập, hợp nhất, giải thể hoặc đổi tên.",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk: int):
    unit = _editable_unit(request, pk)
    form = UnitMoveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["parent_code"]
        if _apply(form, lambda: _move(request.user, unit, new_parent)):
            messages.success(request, f"Đã chuyển {unit.name} về trực thuộc {new_parent.name}.")
            return redirect("org:unit", pk=unit.pk)
    return render(
        request,
        "org/form.html",
        {"unit": unit, "form": form, "title": f"Chuyển đơn vị — {unit.name}", "submit": "Chuyển"},
    )


def _move(actor, unit, new_parent) -> None:
    try:
        services.unit_move(actor=actor, unit=unit, new_parent=new_parent)
    except PermissionDenied as exc:
        raise ValidationError("Đơn vị cấp trên mới nằm ngoài phạm vi bạn được sửa.") from exc
