"""manage.py keep_issued_documents: store, once, the issued plans and signed decisions that have no
stored version yet (those issued or signed before documents were kept as files)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from guongsang.documents.issued import decision_key, plan_key
from guongsang.documents.models import IssuedDocument


class Command(BaseCommand):
    help = "Lưu tệp văn bản của các kế hoạch đã ban hành và quyết định đã ký chưa có bản lưu."

    def handle(self, **options):
        from guongsang.awards.decisions import freeze_decision
        from guongsang.awards.models import AwardDecision
        from guongsang.campaigns.models import Campaign
        from guongsang.campaigns.services import freeze_plan

        kept = set(IssuedDocument.objects.values_list("key", flat=True))
        plans = decisions = 0
        for campaign in Campaign.objects.filter(status__in=(Campaign.Status.ISSUED, Campaign.Status.CLOSED)):
            if plan_key(campaign.pk) not in kept:
                with transaction.atomic():
                    freeze_plan(campaign, issued_by=None)
                plans += 1
        for decision in AwardDecision.objects.filter(status=AwardDecision.Status.SIGNED):
            if decision_key(decision.pk) not in kept:
                with transaction.atomic():
                    freeze_decision(decision, signed_by=None)
                decisions += 1
        self.stdout.write(f"Đã lưu {plans} kế hoạch và {decisions} quyết định chưa có bản lưu.")
