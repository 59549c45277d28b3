from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "guongsang.campaigns"
    label = "campaigns"
    verbose_name = "Kế hoạch, đợt sơ kết"
